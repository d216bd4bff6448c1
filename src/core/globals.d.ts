/**
 * The few globals that exist in every runtime the core runs in (Node ≥ 20, service
 * workers, Web Workers, extension pages) — the WinterTC minimum common API subset we use.
 * Declared here because tsconfig.core.json has no DOM or Node lib on purpose.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
