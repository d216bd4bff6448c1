/** API Lens version written into exported files (`log._apiLens.generator`); kept equal to package.json by a meta-test. */
export const VERSION = '0.1.0';
export const GENERATOR = { name: 'API Lens', version: VERSION } as const;
