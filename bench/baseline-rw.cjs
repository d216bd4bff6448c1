// Baseline for the CLI: read, JSON.parse, JSON.stringify and write the same file.
const { readFileSync, writeFileSync } = require('node:fs');
const [, , input, output] = process.argv;
writeFileSync(output, `${JSON.stringify(JSON.parse(readFileSync(input, 'utf8')), null, 2)}\n`);
