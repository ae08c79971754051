// npm start: opens the desktop app; where the Electron binary is missing (it is an optional dependency
// whose download can fail or be blocked), says exactly why and what to run, and serves the same screens in
// the browser instead.
import { spawn } from 'node:child_process';
import { electronStatus } from './electron-status.mjs';

const run = (cmd, args, env = process.env) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code) => resolve(code ?? 1));
  });

const passThrough = process.argv.slice(2);
const electron = await electronStatus(process.cwd());
let code;
if (electron.path) {
  console.log('Starting the ml-connector desktop app…');
  code = await run(electron.path, ['.', ...passThrough]);
} else {
  console.log(`The desktop app cannot open here: ${electron.why}.`);
  console.log(`To get it: ${electron.fix}.`);
  console.log('Serving the same screens in your browser instead:\n');
  code = await run(process.execPath, ['bin/ml-connector.mjs', 'serve', ...passThrough]);
}
process.exit(code);
