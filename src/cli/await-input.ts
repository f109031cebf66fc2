/**
 * Whether a stream that is not a terminal has anything to read: resolves true at its first
 * chunk, which is put back (`unshift`) for whoever reads next, and false when it ends (or
 * fails) before any. `npm start < /dev/null` — what a service manager gives a process — ends
 * at once; `echo "…" | npm start` has a line. A pipe that stays open and silent keeps it waiting,
 * as a chat would.
 */
export function hasInput(stream: NodeJS.ReadableStream): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (result: boolean, chunk?: string | Buffer) => {
      stream.removeListener('readable', onReadable);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onEnd);
      if (chunk !== undefined) stream.unshift(chunk);
      resolve(result);
    };
    const onReadable = () => {
      const chunk = stream.read();
      if (chunk !== null && chunk.length > 0) done(true, chunk);
    };
    const onEnd = () => done(false);
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
  });
}
