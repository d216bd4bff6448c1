import { execFileSync } from 'node:child_process';

/**
 * For tests (unit and e2e): runs a copied cURL command in a real POSIX shell, in `cwd`, with
 * `curl` replaced by "print my arguments", and returns the argument vector curl would get.
 * Not used by product code.
 */
export function curlArgv(command: string, cwd: string): string[] {
  const out = execFileSync('sh', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], {
    cwd,
    env: { HOME: '/home/someone', PATH: process.env.PATH ?? '/usr/bin:/bin' },
  }).toString();
  return out.split('\0').slice(0, -1);
}
