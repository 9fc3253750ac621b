import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Verifies a VC with Digital Bazaar's libraries in a separate Node process. */
export function verifyIndependently(
  credential: object,
  baseUrl: string,
): Promise<{ verified: boolean; status?: Record<string, boolean>; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'verify-vc.mjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(output) as { verified: boolean })
        : reject(new Error(`verifier exited ${code}`)),
    );
    child.stdin.end(JSON.stringify({ credential, baseUrl }));
  });
}
