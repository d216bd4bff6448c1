import { stringifyIterative } from '../core/json-text.ts';

/**
 * JSON.stringify(value, null, 2), as nested `depth` levels deep in the whole document. A value
 * nested too deep for V8's recursive stringify (a custom field 100,000 levels deep) is written
 * compact by an iterative walk: the same data, and indenting it would cost quadratic space.
 */
export function pretty(value: unknown, depth: number): string {
  let s: string;
  try {
    // Nested in `depth` arrays, V8 indents the value itself (one native pass, no re-indenting
    // copy); the wrapper's brackets are then cut off: "[\n  [\n    " … "\n  ]\n]".
    s = JSON.stringify(wrap(value, depth), null, 2);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIterative(value) ?? 'null';
  }
  return depth === 0 ? s : s.slice(OPEN[depth]!, s.length - CLOSE[depth]!);
}

const wrap = (value: unknown, depth: number): unknown => {
  let v = value;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
// Lengths of the wrapper's text before and after the value at depth 0…4: "[\n  " is 4, then
// "[\n    " adds 6, "[\n      " 8 and "[\n        " 10; after it "\n]" is 2, "\n  ]" 4, "\n    ]" 6,
// "\n      ]" 8.
const OPEN = [0, 4, 10, 18, 28];
const CLOSE = [0, 2, 6, 12, 20];
