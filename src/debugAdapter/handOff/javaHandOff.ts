// F5 on java* functions: the JVM starts with a JDWP agent on loopback, suspended until a debugger
// attaches; VS Code's Java debugger (type `java`) attaches from the `lambdaWorkbench.attach` event.
import { freePort } from './freePort';
import type { TargetOptions } from '../debugTarget';
import type { HandOff } from './handOffTarget';

/** The JDWP agent argument (the JVM waits for the debugger before running any code). */
export function jdwpArgument(port: number): string {
  return `-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:${port}`;
}

export async function javaHandOff(options: TargetOptions): Promise<HandOff> {
  const port = await freePort();
  return {
    debuggerName: 'the Java debugger',
    interpreterArgs: [jdwpArgument(port)],
    attach: { type: 'java', request: 'attach', name: `Attach to ${options.config.functionName} (JDWP)`, hostName: '127.0.0.1', port },
    listening: new RegExp(`^Listening for transport dt_socket at address: ${port}\\b`),
    hint: `${options.config.functionName}: the JVM waits for a Java debugger on 127.0.0.1:${port} (JDWP). VS Code attaches its Java debugger by itself; from a shell: jdb -attach 127.0.0.1:${port}`,
  };
}
