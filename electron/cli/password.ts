// The password of the user a command acts as (`import --as NAME`): from the
// JOBTRAIL_PASSWORD environment variable for scripts, else asked for, unechoed,
// in a terminal. Never an option: options end up in shell history and `ps`.
import { UsageError } from './args';

export async function passwordFor(name: string): Promise<string> {
  const fromEnv = process.env.JOBTRAIL_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(`the password of ${name} is needed: set JOBTRAIL_PASSWORD, or run the command in a terminal to be asked`);
  }
  return ask(`Password of ${name}: `);
}

function ask(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const end = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          end();
          resolve(typed);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          // Ctrl+C, Ctrl+D
          end();
          reject(new Error('cancelled'));
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}
