//! Reading lines with a bound on their length, so one huge line never fills memory.

use std::io::{self, BufRead};

/// The outcome of reading one line.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line (without its line break) was read into the buffer.
    Read,
    /// The line was longer than the limit; it was consumed and dropped.
    TooLong,
    /// The input is exhausted.
    End,
}

/// Reads the next line into `buf` (cleared first), keeping at most `limit` bytes. Returns
/// how many bytes were consumed from the input along with the outcome.
pub fn read_bounded<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(Line, u64)> {
    buf.clear();
    let mut consumed = 0u64;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            let outcome = if too_long {
                Line::TooLong
            } else if consumed == 0 {
                Line::End
            } else {
                Line::Read
            };
            return Ok((outcome, consumed));
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(available.len());
        reader.consume(used);
        consumed += used as u64;
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            let outcome = if too_long { Line::TooLong } else { Line::Read };
            return Ok((outcome, consumed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let mut input = io::BufReader::with_capacity(4, &b"ab\r\ncdefghij\nk"[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_bounded(&mut input, &mut buf, 5).unwrap(),
            (Line::Read, 4)
        );
        assert_eq!(buf, b"ab");
        assert_eq!(
            read_bounded(&mut input, &mut buf, 5).unwrap(),
            (Line::TooLong, 9)
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_bounded(&mut input, &mut buf, 5).unwrap(),
            (Line::Read, 1)
        );
        assert_eq!(buf, b"k");
        assert_eq!(
            read_bounded(&mut input, &mut buf, 5).unwrap(),
            (Line::End, 0)
        );
    }
}
