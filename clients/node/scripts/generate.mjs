// Copies the contract into the package (proto/: orders.proto and the google.rpc messages the
// gateway's error details come in) and generates the TypeScript types of every message and of
// the service's client from it with proto-loader-gen-types, into src/generated/. Run by
// `npm run build`, and so by `npm pack`: the package always matches the proto it was built from.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const sources = {
  'orderstream/v1/orders.proto': resolve(packageDir, '..', '..', 'proto', 'src', 'main', 'proto'),
  'google/rpc/status.proto': resolve(packageDir, '..', 'third_party'),
  'google/rpc/error_details.proto': resolve(packageDir, '..', 'third_party'),
};
const protoDir = join(packageDir, 'proto');
const generatedDir = join(packageDir, 'src', 'generated');

rmSync(protoDir, { recursive: true, force: true });
rmSync(generatedDir, { recursive: true, force: true });
for (const [name, root] of Object.entries(sources)) {
  mkdirSync(dirname(join(protoDir, name)), { recursive: true });
  copyFileSync(join(root, name), join(protoDir, name));
}

// The same options as the client's loadSync (src/contract.ts): the types must describe what it loads.
const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve('@grpc/proto-loader/package.json')), 'build', 'bin',
  'proto-loader-gen-types.js');
// Relative directories, so the generated files name their .proto as proto/..., not as a path of this machine.
execFileSync(process.execPath, [generator, '--grpcLib=@grpc/grpc-js', '--keepCase=false', '--longs=String',
  '--enums=String', '--defaults', '--oneofs', '--includeDirs=proto', '--outDir=src/generated',
  'orderstream/v1/orders.proto', 'google/rpc/status.proto', 'google/rpc/error_details.proto'],
{ cwd: packageDir, stdio: 'inherit' });
