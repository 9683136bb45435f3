// Validates the gateway's OpenAPI document (rapporteur-gateway
// --print_openapi) against the OpenAPI 3.0 schema and resolves every $ref,
// with @apidevtools/swagger-parser from npm (scripts/setup installs it).
// Usage: node validate_openapi.mjs GATEWAY_BINARY NPM_DIR
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const [gateway, npmDir] = process.argv.slice(2);
if (!gateway || !npmDir) {
  console.error('usage: validate_openapi.mjs GATEWAY_BINARY NPM_DIR');
  process.exit(2);
}
const require = createRequire(path.join(npmDir, 'node_modules', 'x.js'));
const SwaggerParser = require('@apidevtools/swagger-parser');

const document = JSON.parse(
  execFileSync(gateway, ['--print_openapi'], { maxBuffer: 64 << 20 }));
try {
  const api = await SwaggerParser.validate(document);
  const operations = Object.values(api.paths)
    .reduce((n, item) => n + Object.keys(item).length, 0);
  if (operations < 20) {
    throw new Error(`only ${operations} operations; the API has more`);
  }
  console.log(`OpenAPI ${api.openapi} valid: ${Object.keys(api.paths).length} ` +
              `paths, ${operations} operations, ` +
              `${Object.keys(api.components.schemas).length} schemas`);
} catch (error) {
  console.error(`OpenAPI document invalid: ${error.message}`);
  process.exit(1);
}
