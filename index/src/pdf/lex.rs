//! The PDF token lexer shared by content streams (`content`) and CMaps (`cmap`): numbers,
//! names, literal and hex strings (decoded into the caller's buffer), array and dictionary
//! brackets, and bare words (operators, CMap keywords). It never fails: bytes that fit no
//! token are skipped.

#[derive(Clone, Copy, Debug)]
pub(crate) enum Operand {
    Num(f32),
    Name(u32, u32),
    Str(u32, u32),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    Other,
}

pub(crate) enum Token {
    Operand(Operand),
    Op(u32, u32),
}

pub(crate) struct Lexer<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) pos: usize,
}

pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub(crate) fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn parse_num(s: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut neg = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale: f64 = 1.0;
    let mut digits = 0;
    let mut seen_dot = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if seen_dot {
                    scale *= 0.1;
                    frac += f64::from(c - b'0') * scale;
                } else {
                    int = int * 10.0 + f64::from(c - b'0');
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    let v = (int + frac) as f32;
    let v = if neg { -v } else { v };
    Some(if v.is_finite() { v } else { 0.0 })
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn literal(&mut self, buf: &mut Vec<u8>) {
        let mut depth = 1u32;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => buf.push(b'\n'),
                        b'r' => buf.push(b'\r'),
                        b't' => buf.push(b'\t'),
                        b'b' => buf.push(8),
                        b'f' => buf.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            buf.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => buf.push(other),
                    }
                }
                b'(' => {
                    depth = depth.saturating_add(1);
                    buf.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    buf.push(c);
                }
                _ => buf.push(c),
            }
        }
    }

    fn hex(&mut self, buf: &mut Vec<u8>) {
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => buf.push((h << 4) | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            buf.push(h << 4);
        }
    }

    pub(crate) fn next(&mut self, strbuf: &mut Vec<u8>) -> Option<Token> {
        loop {
            let b = self.peek()?;
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => self.pos += 1,
                b'%' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'(' => {
                    self.pos += 1;
                    let s = strbuf.len() as u32;
                    self.literal(strbuf);
                    return Some(Token::Operand(Operand::Str(s, strbuf.len() as u32)));
                }
                b'<' => {
                    self.pos += 1;
                    if self.peek() == Some(b'<') {
                        self.pos += 1;
                        return Some(Token::Operand(Operand::DictOpen));
                    }
                    let s = strbuf.len() as u32;
                    self.hex(strbuf);
                    return Some(Token::Operand(Operand::Str(s, strbuf.len() as u32)));
                }
                b'>' => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        return Some(Token::Operand(Operand::DictClose));
                    }
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::Operand(Operand::ArrOpen));
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::Operand(Operand::ArrClose));
                }
                b'{' | b'}' | b')' => self.pos += 1,
                b'/' => {
                    self.pos += 1;
                    let s = self.pos;
                    while let Some(c) = self.peek() {
                        if is_ws(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    return Some(Token::Operand(Operand::Name(s as u32, self.pos as u32)));
                }
                _ => {
                    let s = self.pos;
                    while let Some(c) = self.peek() {
                        if is_ws(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    let word = self.data.get(s..self.pos).unwrap_or(&[]);
                    if let Some(&c0) = word.first() {
                        if c0.is_ascii_digit() || c0 == b'-' || c0 == b'+' || c0 == b'.' {
                            return Some(Token::Operand(match parse_num(word) {
                                Some(v) => Operand::Num(v),
                                None => Operand::Other,
                            }));
                        }
                        if word == b"true" || word == b"false" || word == b"null" {
                            return Some(Token::Operand(Operand::Other));
                        }
                    }
                    return Some(Token::Op(s as u32, self.pos as u32));
                }
            }
        }
    }

    /// After `BI`: skips the image dictionary and data up to and including `EI`.
    pub(crate) fn skip_inline_image(&mut self) {
        let mut scratch = Vec::new();
        loop {
            scratch.clear();
            match self.next(&mut scratch) {
                None => return,
                Some(Token::Op(s, e)) if self.data.get(s as usize..e as usize) == Some(b"ID") => {
                    break
                }
                Some(_) => {}
            }
        }
        self.pos += 1; // single white-space after ID
        while self.pos + 1 < self.data.len() {
            let here = self.data.get(self.pos..self.pos + 2);
            if here == Some(b"EI")
                && self.pos > 0
                && self.data.get(self.pos - 1).is_some_and(|&b| is_ws(b))
                && self
                    .data
                    .get(self.pos + 2)
                    .is_none_or(|&b| is_ws(b) || is_delim(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexer_tokens() {
        let data = b"/F1 12 Tf [(A\\(b\\)) -250 <0041>] TJ BI /W 1 ID \x00\x01EI x EI Q -.5 3.";
        let mut lx = Lexer { data, pos: 0 };
        let mut sb = Vec::new();
        let mut ops = Vec::new();
        while let Some(t) = lx.next(&mut sb) {
            if let Token::Op(s, e) = t {
                let op = data[s as usize..e as usize].to_vec();
                if op == b"BI" {
                    lx.skip_inline_image();
                }
                ops.push(op);
            }
        }
        assert_eq!(
            ops,
            vec![
                b"Tf".to_vec(),
                b"TJ".to_vec(),
                b"BI".to_vec(),
                b"Q".to_vec()
            ]
        );
        assert_eq!(sb, b"A(b)\x00\x41".to_vec());
        assert_eq!(parse_num(b"-.5"), Some(-0.5));
        assert_eq!(parse_num(b"3."), Some(3.0));
        assert_eq!(parse_num(b"--2"), Some(2.0));
        assert_eq!(parse_num(b"-"), None);
    }
}
