import { z } from 'zod';
import { EntryAnnotation, LogAnnotation } from './annotation.ts';

/**
 * The published JSON Schema of the annotation format (`apilens schema`), generated from the zod
 * schemas so the two cannot drift.
 */
export function annotationJsonSchema() {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://api-lens.dev/schema/annotation-v1.json',
    title: 'API Lens annotation format v1',
    description: 'entry._apiLens and log._apiLens in HAR files written by API Lens.',
    $defs: {
      entry: z.toJSONSchema(EntryAnnotation, { target: 'draft-2020-12', io: 'output' }),
      log: z.toJSONSchema(LogAnnotation, { target: 'draft-2020-12', io: 'output' }),
    },
  };
}
