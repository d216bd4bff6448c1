import type { Plugin } from 'vite';

/**
 * Extension pages must not evaluate strings as code (MV3 CSP) or write HTML from data, and
 * Mozilla's linter rejects bundles that could. Two dependencies carry such paths we never use:
 *
 * - zod's JIT (`new Function`), off because panel and worker run `z.config({ jitless: true })`;
 *   its `Function` constructor becomes one that throws, which zod already treats as "no eval".
 * - preact's `dangerouslySetInnerHTML`, which API Lens never uses (a meta-test forbids it); the
 *   assignment becomes a throw, so network text can never become markup even by mistake.
 *
 * Each rewrite must match exactly; if a dependency update changes the code, the build fails
 * here instead of shipping an unpatched path.
 */
const REWRITES: { file: RegExp; from: RegExp; to: string; expect: number }[] = [
  {
    file: /node_modules\/zod\/v4\/core\/(doc|compile|util)\.js$/,
    from: /const F = Function;/g,
    to: "const F = function () { throw new EvalError('API Lens runs zod jitless'); };",
    expect: 1,
  },
  {
    file: /node_modules\/preact\/dist\/preact\.mjs$/,
    from: /\b(\w+)\.innerHTML=(\w+)\.__html/g,
    to: "(()=>{throw new Error('API Lens: dangerouslySetInnerHTML is disabled')})()",
    expect: 1,
  },
];

export function noDynamicCode(): Plugin {
  return {
    name: 'api-lens:no-dynamic-code',
    enforce: 'pre',
    transform(code, id) {
      const rule = REWRITES.find((r) => r.file.test(id.split('?')[0]!));
      if (!rule) return null;
      const found = code.match(rule.from)?.length ?? 0;
      if (found !== rule.expect) {
        this.error(
          `no-dynamic-code: expected ${rule.expect} match(es) of ${rule.from} in ${id}, found ${found}`,
        );
      }
      return { code: code.replace(rule.from, rule.to), map: null };
    },
  };
}
