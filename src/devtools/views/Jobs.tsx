import { useEnv, usePanelState } from '../context.ts';
import { count } from '../format.ts';
import type { JobState } from '../store.ts';

const PHASE: Record<string, string> = {
  starting: 'starting',
  sending: 'handing entries to the worker',
  reading: 'reading the file',
  parsing: 'parsing',
  annotating: 'annotating',
  writing: 'writing the file',
  applying: 'adding rows',
};

function Job({ job }: { job: JobState }) {
  const { jobs } = useEnv();
  const counted = job.total > 0 && job.phase !== 'reading' && job.phase !== 'parsing';
  return (
    <div
      class="job"
      role="status"
      data-testid="job"
      data-job-kind={job.kind}
      data-phase={job.phase}
      data-done={job.done}
      data-total={job.total}
    >
      <span>
        {job.label}: {PHASE[job.phase] ?? job.phase}
        {counted ? ` ${count(job.done)} / ${count(job.total)}` : '…'}
      </span>
      <progress max={counted ? job.total : undefined} value={counted ? job.done : undefined} />
      <button type="button" data-testid="job-cancel" onClick={() => jobs.cancel(job.id)}>
        Cancel
      </button>
    </div>
  );
}

/** The worker jobs under way (import, export, re-annotation), each with its Cancel. */
export function Jobs() {
  const state = usePanelState();
  if (state.jobs.length === 0) return null;
  return (
    <div class="jobs">
      {state.jobs.map((j) => (
        <Job key={j.id} job={j} />
      ))}
    </div>
  );
}
