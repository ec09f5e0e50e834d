// The channel to the client, chosen by the command line as editors start language servers: `--stdio`,
// `--node-ipc`, `--socket=PORT` or `--pipe=NAME`. It is built here rather than by the connection so that
// positions can be converted on their way through (see encoding/encodingChannel.ts).
import {
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

export const TRANSPORT_USAGE = 'usage: marginalia-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** Whether messages go over standard output, which nothing else may then write to. */
  stdio: boolean;
}

/** The transport the arguments ask for; undefined when they name none. */
export function transportFrom(argv: readonly string[]): Transport | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--stdio')
      return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
    if (arg === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    const [name, inline] = arg.split('=', 2);
    const value = inline ?? argv[i + 1];
    if (name === '--socket' && Number(value) > 0) return fromPair(createServerSocketTransport(Number(value)));
    if (name === '--pipe' && value) return fromPair(createServerPipeTransport(value));
  }
  return undefined;
}

function fromPair([reader, writer]: [MessageReader, MessageWriter]): Transport {
  return { reader, writer, stdio: false };
}
