//! CMaps (tokens from `lex`): ToUnicode maps (`bfchar`, `bfrange` incl. the array form) and embedded encoding
//! CMaps (`cidchar`, `cidrange`), with code-space ranges for multi-byte codes.

use super::lex::{Lexer, Operand, Token};

/// Most entries read from one CMap; a larger map is cut (bounds memory on hostile input).
const MAX_ENTRIES: usize = 200_000;

#[derive(Clone, Copy, Debug)]
struct Codespace {
    lo: [u8; 4],
    hi: [u8; 4],
    len: u8,
}

#[derive(Clone, Copy, Debug)]
struct TextRange {
    lo: u32,
    hi: u32,
    len: u8,
    /// Text of `lo` in the arena; later codes increment its last character.
    start: u32,
    end: u32,
}

#[derive(Clone, Copy, Debug)]
struct CidRange {
    lo: u32,
    hi: u32,
    len: u8,
    cid: u32,
}

/// A parsed CMap. Codes are stored with their byte length, since `<20>` and `<0020>` differ.
#[derive(Default, Debug)]
pub(crate) struct CMap {
    codespace: Vec<Codespace>,
    /// Single codes: (key, start, end) into `arena`, sorted by key.
    chars: Vec<(u64, u32, u32)>,
    ranges: Vec<TextRange>,
    cids: Vec<CidRange>,
    arena: String,
}

fn key(code: u32, len: u8) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

fn be(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)))
}

/// Decodes UTF-16BE (with surrogate pairs) into `out`; odd single bytes are read as Latin-1.
pub(crate) fn utf16be_into(bytes: &[u8], out: &mut String) {
    if bytes.len() == 1 {
        if let Some(&b) = bytes.first() {
            out.push(char::from(b));
        }
        return;
    }
    let units = bytes.chunks_exact(2).map(|c| {
        u16::from_be_bytes([
            c.first().copied().unwrap_or(0),
            c.get(1).copied().unwrap_or(0),
        ])
    });
    for c in char::decode_utf16(units) {
        out.push(c.unwrap_or('\u{FFFD}'));
    }
}

impl CMap {
    pub(crate) fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.cids.is_empty()
    }

    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Splits the next code off `bytes`: (code, length in bytes). `bytes` must not be empty.
    pub(crate) fn next_code(&self, bytes: &[u8], default_len: u8) -> (u32, u8) {
        if !self.codespace.is_empty() {
            for n in 1..=4u8 {
                let Some(head) = bytes.get(..usize::from(n)) else {
                    break;
                };
                let hit = self.codespace.iter().any(|cs| {
                    cs.len == n
                        && head.iter().enumerate().all(|(i, &b)| {
                            let lo = cs.lo.get(i).copied().unwrap_or(0);
                            let hi = cs.hi.get(i).copied().unwrap_or(255);
                            (lo..=hi).contains(&b)
                        })
                });
                if hit {
                    return (be(head).unwrap_or(0), n);
                }
            }
            // No range matched: take the shortest length declared.
            let n = self
                .codespace
                .iter()
                .map(|c| c.len)
                .min()
                .unwrap_or(default_len);
            let n = usize::from(n.max(1)).min(bytes.len());
            let head = bytes.get(..n).unwrap_or(bytes);
            return (be(head).unwrap_or(0), n as u8);
        }
        let n = usize::from(default_len.max(1)).min(bytes.len()).max(1);
        let head = bytes.get(..n).unwrap_or(bytes);
        (be(head).unwrap_or(0), n as u8)
    }

    /// Appends the Unicode text for a code; false if the code is not mapped.
    pub(crate) fn lookup(&self, code: u32, len: u8, out: &mut String) -> bool {
        let k = key(code, len);
        if let Ok(i) = self.chars.binary_search_by(|e| e.0.cmp(&k)) {
            if let Some(&(_, s, e)) = self.chars.get(i) {
                if let Some(t) = self.arena.get(s as usize..e as usize) {
                    out.push_str(t);
                    return true;
                }
            }
        }
        // Ranges are sorted by (len, lo); find the last range starting at or before the code.
        let idx = self
            .ranges
            .partition_point(|r| (r.len, r.lo) <= (len, code));
        if idx > 0 {
            if let Some(r) = self.ranges.get(idx - 1) {
                if r.len == len && code >= r.lo && code <= r.hi {
                    if let Some(t) = self.arena.get(r.start as usize..r.end as usize) {
                        let offset = code - r.lo;
                        let mut chars = t.chars();
                        let last = chars.next_back();
                        out.push_str(chars.as_str());
                        if let Some(c) = last
                            .and_then(|c| (c as u32).checked_add(offset))
                            .and_then(char::from_u32)
                        {
                            out.push(c);
                        }
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The CID for a code (embedded encoding CMaps).
    pub(crate) fn cid(&self, code: u32, len: u8) -> Option<u32> {
        let idx = self.cids.partition_point(|r| (r.len, r.lo) <= (len, code));
        let r = self.cids.get(idx.checked_sub(1)?)?;
        (r.len == len && code >= r.lo && code <= r.hi).then(|| r.cid.saturating_add(code - r.lo))
    }

    fn add_text(&mut self, code: &[u8], text: &str) {
        let Some(c) = be(code) else { return };
        let s = self.arena.len() as u32;
        self.arena.push_str(text);
        self.chars
            .push((key(c, code.len() as u8), s, self.arena.len() as u32));
    }

    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut map = CMap::default();
        let mut lx = Lexer { data, pos: 0 };
        let mut buf = Vec::new();
        let mut ops: Vec<Tok> = Vec::new();
        // Entries read so far, against MAX_ENTRIES.
        let mut entries = 0usize;
        while let Some(tok) = next_tok(&mut lx, &mut buf) {
            match tok {
                Err(kw) => {
                    match kw {
                        b"endcodespacerange" => map.codespace_ranges(&ops),
                        b"endbfchar" => map.bf_chars(&ops, &mut entries),
                        b"endbfrange" => map.bf_ranges(&ops, &mut entries),
                        b"endcidrange" => map.cid_ranges(&ops, &mut entries),
                        b"endcidchar" => map.cid_chars(&ops, &mut entries),
                        _ => {}
                    }
                    ops.clear();
                }
                Ok(operand) => {
                    if ops.len() < 3 * 10_000 {
                        ops.push(operand);
                    }
                }
            }
            if entries > MAX_ENTRIES {
                break;
            }
        }
        // Later entries win: stable sort keeps file order, dedup keeps the last of equal keys.
        map.chars.sort_by_key(|e| e.0);
        let mut dedup: Vec<(u64, u32, u32)> = Vec::with_capacity(map.chars.len());
        for e in map.chars.drain(..) {
            match dedup.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => dedup.push(e),
            }
        }
        map.chars = dedup;
        map.ranges.sort_by_key(|r| (r.len, r.lo));
        map.cids.sort_by_key(|r| (r.len, r.lo));
        map
    }

    /// `begincodespacerange` … `endcodespacerange`: `<lo> <hi>` pairs.
    fn codespace_ranges(&mut self, ops: &[Tok]) {
        for pair in ops.chunks_exact(2) {
            if let [Tok::Hex(lo), Tok::Hex(hi)] = pair {
                if lo.is_empty() || lo.len() > 4 || lo.len() != hi.len() {
                    continue;
                }
                let mut cs = Codespace {
                    lo: [0; 4],
                    hi: [255; 4],
                    len: lo.len() as u8,
                };
                for (i, (&a, &b)) in lo.iter().zip(hi.iter()).enumerate() {
                    if let (Some(x), Some(y)) = (cs.lo.get_mut(i), cs.hi.get_mut(i)) {
                        *x = a;
                        *y = b;
                    }
                }
                self.codespace.push(cs);
            }
        }
    }

    /// `beginbfchar` … `endbfchar`: `<code> <utf16be>` or `<code> /glyphname` pairs.
    fn bf_chars(&mut self, ops: &[Tok], entries: &mut usize) {
        let mut text = String::new();
        for pair in ops.chunks_exact(2) {
            *entries += 1;
            if *entries > MAX_ENTRIES {
                break;
            }
            let [Tok::Hex(src), dst] = pair else { continue };
            text.clear();
            match dst {
                Tok::Hex(d) => utf16be_into(d, &mut text),
                Tok::Name(n) => {
                    super::glyphlist::name_to_unicode(n, &mut text);
                }
                _ => continue,
            }
            self.add_text(src, &text);
        }
    }

    /// `beginbfrange` … `endbfrange`: `<lo> <hi> <utf16be>` (incremented along the range) or
    /// `<lo> <hi> [<utf16be> …]` (one string per code).
    fn bf_ranges(&mut self, ops: &[Tok], entries: &mut usize) {
        let mut text = String::new();
        for tri in ops.chunks_exact(3) {
            *entries += 1;
            if *entries > MAX_ENTRIES {
                break;
            }
            let [Tok::Hex(lo), Tok::Hex(hi), dst] = tri else {
                continue;
            };
            let (Some(l), Some(h)) = (be(lo), be(hi)) else {
                continue;
            };
            if h < l || lo.len() != hi.len() {
                continue;
            }
            let len = lo.len() as u8;
            match dst {
                Tok::Hex(d) => {
                    text.clear();
                    utf16be_into(d, &mut text);
                    let s = self.arena.len() as u32;
                    self.arena.push_str(&text);
                    let e = self.arena.len() as u32;
                    self.ranges.push(TextRange {
                        lo: l,
                        hi: h,
                        len,
                        start: s,
                        end: e,
                    });
                }
                Tok::Arr(items) => {
                    for (i, d) in items.iter().enumerate() {
                        let Some(code) = l.checked_add(i as u32) else {
                            break;
                        };
                        if code > h {
                            break;
                        }
                        *entries += 1;
                        if *entries > MAX_ENTRIES {
                            break;
                        }
                        text.clear();
                        utf16be_into(d, &mut text);
                        let s = self.arena.len() as u32;
                        self.arena.push_str(&text);
                        self.chars
                            .push((key(code, len), s, self.arena.len() as u32));
                    }
                }
                _ => {}
            }
        }
    }

    /// `begincidrange` … `endcidrange`: `<lo> <hi> cid` triples.
    fn cid_ranges(&mut self, ops: &[Tok], entries: &mut usize) {
        for tri in ops.chunks_exact(3) {
            *entries += 1;
            if *entries > MAX_ENTRIES {
                break;
            }
            if let [Tok::Hex(lo), Tok::Hex(hi), Tok::Num(cid)] = tri {
                if let (Some(l), Some(h)) = (be(lo), be(hi)) {
                    if h >= l && lo.len() == hi.len() && *cid >= 0 {
                        let cid = u32::try_from(*cid).unwrap_or(0);
                        self.cids.push(CidRange {
                            lo: l,
                            hi: h,
                            len: lo.len() as u8,
                            cid,
                        });
                    }
                }
            }
        }
    }

    /// `begincidchar` … `endcidchar`: `<code> cid` pairs.
    fn cid_chars(&mut self, ops: &[Tok], entries: &mut usize) {
        for pair in ops.chunks_exact(2) {
            *entries += 1;
            if *entries > MAX_ENTRIES {
                break;
            }
            if let [Tok::Hex(src), Tok::Num(cid)] = pair {
                if let Some(c) = be(src) {
                    let cid = u32::try_from(*cid).unwrap_or(0);
                    self.cids.push(CidRange {
                        lo: c,
                        hi: c,
                        len: src.len() as u8,
                        cid,
                    });
                }
            }
        }
    }
}

/// An operand kept until the next CMap keyword.
enum Tok<'a> {
    Hex(Vec<u8>),
    Num(i64),
    Name(&'a [u8]),
    Arr(Vec<Vec<u8>>),
    Other,
}

/// The next keyword (as `Err`) or operand from the shared lexer; None at the end.
fn next_tok<'a>(lx: &mut Lexer<'a>, buf: &mut Vec<u8>) -> Option<Result<Tok<'a>, &'a [u8]>> {
    buf.clear();
    let data = lx.data;
    let range = |s: u32, e: u32| data.get(s as usize..e as usize).unwrap_or(&[]);
    Some(match lx.next(buf)? {
        Token::Op(s, e) => Err(range(s, e)),
        Token::Operand(Operand::Str(s, e)) => Ok(Tok::Hex(
            buf.get(s as usize..e as usize).unwrap_or(&[]).to_vec(),
        )),
        Token::Operand(Operand::Num(v)) if v.fract() == 0.0 => Ok(Tok::Num(v as i64)),
        Token::Operand(Operand::Name(s, e)) => Ok(Tok::Name(range(s, e))),
        Token::Operand(Operand::ArrOpen) => {
            let mut items = Vec::new();
            loop {
                buf.clear();
                match lx.next(buf) {
                    Some(Token::Operand(Operand::Str(s, e))) => {
                        if items.len() < 65_536 {
                            items.push(buf.get(s as usize..e as usize).unwrap_or(&[]).to_vec());
                        }
                    }
                    None | Some(Token::Operand(Operand::ArrClose) | Token::Op(..)) => break,
                    Some(_) => {}
                }
            }
            Ok(Tok::Arr(items))
        }
        Token::Operand(_) => Ok(Tok::Other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tounicode() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <D835DC00> endbfchar
2 beginbfrange <0020> <0022> <0061> <0030> <0031> [<0101> <010D>] endbfrange
1 beginbfrange <0040> <0040> <00660069> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
        let m = CMap::parse(src);
        let mut s = String::new();
        for code in [3u32, 0x20, 0x21, 0x22, 0x30, 0x31, 0x10, 0x40] {
            assert!(m.lookup(code, 2, &mut s), "code {code:x}");
        }
        assert_eq!(s, " abcāč𝐀fi");
        assert!(!m.lookup(0x23, 2, &mut s));
        assert_eq!(m.next_code(&[0, 3, 1], 1), (3, 2));
    }

    #[test]
    fn mixed_codespace() {
        let m = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange");
        assert_eq!(m.next_code(&[0x41, 0x81], 1), (0x41, 1));
        assert_eq!(m.next_code(&[0x81, 0x40], 1), (0x8140, 2));
    }
}
