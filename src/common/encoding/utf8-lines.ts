import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';

const NEWLINE = 0x0a;

/**
 * Finds the first line of a byte stream that is not valid UTF-8, as chunks arrive. A file saved
 * in a legacy code page (Excel's "CSV" is Windows-1252) would otherwise be read with replacement
 * characters, and names stored wrong. A newline byte never occurs inside a multi-byte character,
 * so checking line by line is exact, whatever the chunk boundaries.
 */
export class Utf8LineCheck {
  private line = 1;
  private partial: Buffer = Buffer.alloc(0);

  /** The 1-based number of the first line found not to be UTF-8, or null so far. */
  push(chunk: Buffer): number | null {
    let bytes = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE)) {
      if (!isUtf8(bytes.subarray(0, end))) return this.line;
      this.line++;
      bytes = bytes.subarray(end + 1);
    }
    this.partial = Buffer.from(bytes);
    return null;
  }

  /** The last line, once the stream has ended. */
  end(): number | null {
    return isUtf8(this.partial) ? null : this.line;
  }
}

/** The error for a file found not to be UTF-8, naming its first bad line. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not UTF-8 text; save the file as "CSV UTF-8"`);
  }
}

/** A pass-through stream that fails with NotUtf8Error at the first line that is not UTF-8. */
export function utf8LinesOnly(): Transform {
  const check = new Utf8LineCheck();
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const notUtf8 = check.push(chunk);
      done(notUtf8 === null ? null : new NotUtf8Error(notUtf8), chunk);
    },
    flush(done) {
      const notUtf8 = check.end();
      done(notUtf8 === null ? null : new NotUtf8Error(notUtf8));
    },
  });
}
