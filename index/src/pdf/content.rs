//! Content-stream interpretation (tokens from `lex`): the graphics/text state machine (q/Q cm, BT/ET,
//! Tf Tc Tw Tz TL Ts Td TD Tm T*, Tj TJ ' "), Form XObjects (recursive, depth- and
//! cycle-limited), images (for the no-text-layer check) and marked-content `ActualText`.
//! Every shown glyph becomes a [`Glyph`] with its position in a rotation-normalised frame.

use super::font::{Code, Font};
use super::lex::{Lexer, Operand, Token};
use super::{arr, decode_text_string, deref, dict_get, name, num, stream_bytes, Budget, Limits};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Most glyphs kept per page.
pub(crate) const MAX_GLYPHS: usize = 400_000;
/// Most operands kept before an operator (longer runs are dropped).
const MAX_OPERANDS: usize = 65_536;
/// Most ruling lines kept per page, and path segments per path.
const MAX_RULES: usize = 20_000;
const MAX_PATH: usize = 4_096;
/// Rulings are at most this thick (device units).
const RULE_THICKNESS: f32 = 3.0;
/// Deepest q nesting tracked.
const MAX_GSTATE_DEPTH: usize = 1024;

pub(crate) const F_SPACE: u8 = 1;
pub(crate) const F_UNMAPPED: u8 = 2;
pub(crate) const F_DEAD: u8 = 4;

/// A shown glyph. Coordinates are in a frame rotated so that the glyph's writing direction is
/// +x and lines advance to +y (top to bottom): `x0..x1` is the advance box, `y` the baseline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    /// Text: byte range into the page's text buffer.
    pub(crate) t0: u32,
    pub(crate) t1: u32,
    /// Writing direction in quarter turns counter-clockwise.
    pub(crate) rot: u8,
    pub(crate) flags: u8,
    /// A combining mark attached by the layout (accent drawn as a separate glyph), or '\0'.
    pub(crate) mark: char,
}

#[derive(Default)]
pub(crate) struct PageOut {
    pub(crate) glyphs: Vec<Glyph>,
    pub(crate) text: String,
    /// Device-space area covered by images.
    pub(crate) image_area: f32,
    pub(crate) unmapped: usize,
    pub(crate) bad_chars: usize,
    pub(crate) truncated: bool,
    /// Ruling lines (table borders): thin painted rectangles and stroked straight segments,
    /// as device-space boxes (x0, y0, x1, y1).
    pub(crate) rules: Vec<[f32; 4]>,
}

impl PageOut {
    pub(crate) fn clear(&mut self) {
        self.glyphs.clear();
        self.text.clear();
        self.image_area = 0.0;
        self.unmapped = 0;
        self.bad_chars = 0;
        self.truncated = false;
        self.rules.clear();
    }
}

/// Per-document caches: decoded fonts and Form XObject content, streams that failed to
/// decode, and the document's decompression budget.
pub(crate) struct Cache {
    fonts: HashMap<ObjectId, Rc<Font>>,
    direct_fonts: HashMap<usize, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<[u8]>>,
    pub(crate) failed: std::collections::HashSet<ObjectId>,
    fallback: Option<Rc<Font>>,
    pub(crate) budget: Budget,
}

impl Cache {
    pub(crate) fn new(inflate_budget: usize) -> Cache {
        Cache {
            fonts: HashMap::new(),
            direct_fonts: HashMap::new(),
            forms: HashMap::new(),
            failed: std::collections::HashSet::new(),
            fallback: None,
            budget: Budget::new(inflate_budget),
        }
    }
}

type M = [f32; 6];
const IDENT: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn finite(m: M) -> Option<M> {
    m.iter().all(|v| v.is_finite()).then_some(m)
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    fs: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

impl GState {
    fn new(ctm: M) -> GState {
        GState {
            ctm,
            font: None,
            fs: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        }
    }
}

/// What the marked-content stack holds for each open BMC/BDC.
struct Marked {
    actual: Option<(usize, String)>,
}

pub(crate) struct Interp<'a> {
    doc: &'a Document,
    cache: &'a mut Cache,
    limits: &'a Limits,
    out: &'a mut PageOut,
    ops: usize,
    max_ops: usize,
    /// Crop box (x0, y0, x1, y1) in default user space.
    bbox: [f32; 4],
    scratch: String,
    form_stack: Vec<ObjectId>,
    marked: Vec<Marked>,
}

impl<'a> Interp<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        cache: &'a mut Cache,
        limits: &'a Limits,
        out: &'a mut PageOut,
        bbox: [f32; 4],
        max_ops: usize,
    ) -> Interp<'a> {
        Interp {
            doc,
            cache,
            limits,
            out,
            ops: 0,
            max_ops,
            bbox,
            scratch: String::new(),
            form_stack: Vec::new(),
            marked: Vec::new(),
        }
    }

    /// Operators interpreted so far.
    pub(crate) fn ops(&self) -> usize {
        self.ops
    }

    pub(crate) fn run_page(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        self.run(content, resources, GState::new(IDENT), 0);
        // Close any ActualText spans left open.
        while let Some(m) = self.marked.pop() {
            self.end_marked(m);
        }
    }

    fn font_for(&mut self, resources: Option<&'a Dictionary>, fname: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| dict_get(doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| fd.get(fname).ok());
        match entry {
            Some(Object::Reference(id)) => {
                if let Some(f) = self.cache.fonts.get(id) {
                    return f.clone();
                }
                let f = match deref(doc, &Object::Reference(*id)).as_dict() {
                    Ok(d) => Rc::new(Font::load(
                        doc,
                        d,
                        self.limits.max_stream_bytes,
                        &self.cache.budget,
                    )),
                    Err(_) => self.fallback(),
                };
                self.cache.fonts.insert(*id, f.clone());
                f
            }
            Some(Object::Dictionary(d)) => {
                let key = d as *const Dictionary as usize;
                if let Some(f) = self.cache.direct_fonts.get(&key) {
                    return f.clone();
                }
                let f = Rc::new(Font::load(
                    doc,
                    d,
                    self.limits.max_stream_bytes,
                    &self.cache.budget,
                ));
                self.cache.direct_fonts.insert(key, f.clone());
                f
            }
            _ => self.fallback(),
        }
    }

    fn fallback(&mut self) -> Rc<Font> {
        self.cache
            .fallback
            .get_or_insert_with(|| Rc::new(Font::fallback()))
            .clone()
    }

    fn run(&mut self, data: &[u8], resources: Option<&'a Dictionary>, gs0: GState, depth: usize) {
        let mut lx = Lexer { data, pos: 0 };
        let mut strbuf: Vec<u8> = Vec::new();
        let mut operands: Vec<Operand> = Vec::with_capacity(16);
        let mut gs = gs0;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENT;
        let mut tlm = IDENT;
        let marked_base = self.marked.len();
        // Current path: segment boxes in device space, whether each is a rectangle, the
        // current point and the subpath start (user space).
        let mut path: Vec<([f32; 4], bool)> = Vec::new();
        let mut cur = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        while let Some(tok) = lx.next(&mut strbuf) {
            let (s, e) = match tok {
                Token::Operand(o) => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(o);
                    }
                    continue;
                }
                Token::Op(s, e) => (s as usize, e as usize),
            };
            self.ops += 1;
            if self.ops > self.max_ops {
                self.out.truncated = true;
                return;
            }
            let op = data.get(s..e).unwrap_or(&[]);
            let n = |i: usize| -> f32 {
                match operands.get(i) {
                    Some(Operand::Num(v)) => *v,
                    _ => 0.0,
                }
            };
            let nums6 = || -> Option<M> {
                let k = operands.len().checked_sub(6)?;
                let mut m = [0.0f32; 6];
                for (j, slot) in m.iter_mut().enumerate() {
                    match operands.get(k + j) {
                        Some(Operand::Num(v)) => *slot = *v,
                        _ => return None,
                    }
                }
                Some(m)
            };
            match op {
                b"q" if stack.len() < MAX_GSTATE_DEPTH => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    if let Some(m) = nums6() {
                        if let Some(c) = finite(mul(&m, &gs.ctm)) {
                            gs.ctm = c;
                        }
                    }
                }
                b"BT" => {
                    tm = IDENT;
                    tlm = IDENT;
                }
                b"ET" => {}
                b"Tf" => {
                    if let (Some(Operand::Name(a, b)), Some(Operand::Num(sz))) =
                        (operands.first(), operands.get(1))
                    {
                        let fname = data.get(*a as usize..*b as usize).unwrap_or(&[]);
                        gs.font = Some(self.font_for(resources, fname));
                        gs.fs = *sz;
                    } else if let Some(Operand::Num(sz)) = operands.last() {
                        gs.fs = *sz;
                    }
                }
                b"Tc" => gs.tc = n(0),
                b"Tw" => gs.tw = n(0),
                b"Tz" => gs.th = n(0) / 100.0,
                b"TL" => gs.tl = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" | b"TD" => {
                    let (tx, ty) = (n(0), n(1));
                    if op == b"TD" {
                        gs.tl = -ty;
                    }
                    tlm = translate(&tlm, tx, ty);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = nums6().and_then(finite) {
                        tm = m;
                        tlm = m;
                    }
                }
                b"T*" => {
                    tlm = translate(&tlm, 0.0, -gs.tl);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Operand::Str(a, b)) = operands.last() {
                        let bytes = strbuf.get(*a as usize..*b as usize).unwrap_or(&[]);
                        self.show(bytes, &gs, &mut tm);
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.tw = n(0);
                        gs.tc = n(1);
                    }
                    tlm = translate(&tlm, 0.0, -gs.tl);
                    tm = tlm;
                    if let Some(Operand::Str(a, b)) = operands.last() {
                        let bytes = strbuf.get(*a as usize..*b as usize).unwrap_or(&[]);
                        self.show(bytes, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    for o in &operands {
                        match o {
                            Operand::Str(a, b) => {
                                let bytes = strbuf.get(*a as usize..*b as usize).unwrap_or(&[]);
                                self.show(bytes, &gs, &mut tm);
                            }
                            Operand::Num(v) => {
                                let tx = -v / 1000.0 * gs.fs * gs.th;
                                if tx.is_finite() {
                                    tm = translate(&tm, tx, 0.0);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(a, b)) = operands.last() {
                        let xname = data.get(*a as usize..*b as usize).unwrap_or(&[]);
                        self.xobject(xname, resources, &gs, depth);
                    }
                }
                b"BI" => {
                    lx.skip_inline_image();
                    self.add_image(&gs.ctm);
                }
                b"m" => {
                    cur = (n(0), n(1));
                    start = cur;
                }
                b"l" => {
                    let p = (n(0), n(1));
                    if path.len() < MAX_PATH {
                        path.push((seg_box(&gs.ctm, &[cur, p]), false));
                    }
                    cur = p;
                }
                b"h" => {
                    if path.len() < MAX_PATH && cur != start {
                        path.push((seg_box(&gs.ctm, &[cur, start]), false));
                    }
                    cur = start;
                }
                b"c" => cur = (n(4), n(5)),
                b"v" | b"y" => cur = (n(2), n(3)),
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    if path.len() < MAX_PATH {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                        path.push((seg_box(&gs.ctm, &corners), true));
                    }
                    cur = (x, y);
                    start = cur;
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    if op != b"n" {
                        let stroke = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                        self.add_rules(&path, stroke);
                    }
                    path.clear();
                }
                b"BMC" => self.marked.push(Marked { actual: None }),
                b"BDC" => {
                    let actual = self.actual_text(&operands, data, &strbuf, resources);
                    self.marked.push(Marked {
                        actual: actual.map(|t| (self.out.glyphs.len(), t)),
                    });
                }
                b"EMC" if self.marked.len() > marked_base => {
                    if let Some(m) = self.marked.pop() {
                        self.end_marked(m);
                    }
                }
                _ => {}
            }
            operands.clear();
            strbuf.clear();
            if self.out.truncated {
                return;
            }
        }
        // Spans opened in this stream and never closed are closed at its end.
        while self.marked.len() > marked_base {
            if let Some(m) = self.marked.pop() {
                self.end_marked(m);
            }
        }
    }

    fn actual_text(
        &self,
        operands: &[Operand],
        data: &[u8],
        strbuf: &[u8],
        resources: Option<&'a Dictionary>,
    ) -> Option<String> {
        // Inline dictionary: ... /ActualText (..) ...
        let mut prev_actual = false;
        for o in operands {
            match o {
                Operand::Name(a, b) => {
                    prev_actual = data.get(*a as usize..*b as usize) == Some(b"ActualText");
                }
                Operand::Str(a, b) if prev_actual => {
                    return Some(decode_text_string(
                        strbuf.get(*a as usize..*b as usize).unwrap_or(&[]),
                    ));
                }
                _ => prev_actual = false,
            }
        }
        // Named property list in the resources.
        if let Some(Operand::Name(a, b)) = operands.last() {
            let pname = data.get(*a as usize..*b as usize)?;
            let props = resources
                .and_then(|r| dict_get(self.doc, r, b"Properties"))?
                .as_dict()
                .ok()?;
            let p = dict_get(self.doc, props, pname)?.as_dict().ok()?;
            if let Some(Object::String(s, _)) = dict_get(self.doc, p, b"ActualText") {
                return Some(decode_text_string(s));
            }
        }
        None
    }

    fn end_marked(&mut self, m: Marked) {
        let Some((first, text)) = m.actual else {
            return;
        };
        let glyphs = &mut self.out.glyphs;
        if first >= glyphs.len() {
            return;
        }
        let Some(g0) = glyphs.get(first).copied() else {
            return;
        };
        let mut x0 = f32::INFINITY;
        let mut x1 = f32::NEG_INFINITY;
        for g in glyphs.iter().skip(first).filter(|g| g.rot == g0.rot) {
            x0 = x0.min(g.x0);
            x1 = x1.max(g.x1);
        }
        let removed_unmapped = glyphs
            .iter()
            .skip(first)
            .filter(|g| g.flags & F_UNMAPPED != 0)
            .count();
        self.out.unmapped = self.out.unmapped.saturating_sub(removed_unmapped);
        glyphs.truncate(first);
        self.out.text.truncate(g0.t0 as usize);
        let text = text.replace('\u{AD}', "");
        if text.is_empty() {
            return;
        }
        let t0 = self.out.text.len() as u32;
        push_clean(&mut self.out.text, &text, &mut self.out.bad_chars);
        let t1 = self.out.text.len() as u32;
        let flags = if text.chars().all(char::is_whitespace) {
            F_SPACE
        } else {
            0
        };
        glyphs.push(Glyph {
            x0,
            x1,
            y: g0.y,
            size: g0.size,
            t0,
            t1,
            rot: g0.rot,
            flags,
            mark: '\0',
        });
    }

    fn add_rules(&mut self, path: &[([f32; 4], bool)], stroke: bool) {
        let rules = &mut self.out.rules;
        for &(b, is_rect) in path {
            if rules.len() >= MAX_RULES {
                return;
            }
            let (w, h) = (b[2] - b[0], b[3] - b[1]);
            if !(w.is_finite() && h.is_finite()) {
                continue;
            }
            if (h <= RULE_THICKNESS && w >= RULE_THICKNESS)
                || (w <= RULE_THICKNESS && h >= RULE_THICKNESS)
            {
                rules.push(b);
            } else if is_rect && stroke && w > RULE_THICKNESS && h > RULE_THICKNESS {
                // A stroked box: its four edges.
                rules.push([b[0], b[1], b[2], b[1]]);
                rules.push([b[0], b[3], b[2], b[3]]);
                rules.push([b[0], b[1], b[0], b[3]]);
                rules.push([b[2], b[1], b[2], b[3]]);
            }
        }
    }

    fn add_image(&mut self, ctm: &M) {
        let area = (ctm[0] * ctm[3] - ctm[1] * ctm[2]).abs();
        if area.is_finite() {
            self.out.image_area += area;
        }
    }

    fn xobject(
        &mut self,
        xname: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &GState,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| dict_get(doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(xname).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Ok(stream) = deref(doc, entry).as_stream() else {
            return;
        };
        let subtype = dict_get(doc, &stream.dict, b"Subtype")
            .and_then(name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            self.add_image(&gs.ctm);
            return;
        }
        if subtype != b"Form" || depth >= self.limits.max_xobject_depth {
            return;
        }
        if let Some(id) = id {
            if self.form_stack.contains(&id) {
                return;
            }
        }
        let content: Rc<[u8]> = match id.and_then(|id| self.cache.forms.get(&id)) {
            Some(c) => c.clone(),
            None => {
                if id.is_some_and(|id| self.cache.failed.contains(&id)) {
                    return;
                }
                let limit = self.limits.max_stream_bytes;
                let Some(bytes) = stream_bytes(deref(doc, entry), limit, &self.cache.budget) else {
                    if let Some(id) = id {
                        self.cache.failed.insert(id);
                    }
                    return;
                };
                let c: Rc<[u8]> = Rc::from(bytes);
                if let Some(id) = id {
                    self.cache.forms.insert(id, c.clone());
                }
                c
            }
        };
        let mut g = gs.clone();
        if let Some(m) = dict_get(doc, &stream.dict, b"Matrix").and_then(|o| arr(doc, o)) {
            let mut mm = IDENT;
            if m.len() == 6 {
                for (slot, o) in mm.iter_mut().zip(m.iter()) {
                    *slot = num(deref(doc, o)).unwrap_or(0.0);
                }
                if let Some(c) = finite(mul(&mm, &g.ctm)) {
                    g.ctm = c;
                }
            }
        }
        let res = dict_get(doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        if let Some(id) = id {
            self.form_stack.push(id);
        }
        self.run(&content, res, g, depth + 1);
        if id.is_some() {
            self.form_stack.pop();
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M) {
        if bytes.is_empty() {
            return;
        }
        let font = match &gs.font {
            Some(f) => f.clone(),
            None => self.fallback(),
        };
        let m = mul(tm, &gs.ctm);
        let fs = gs.fs;
        let th = gs.th;
        let size = (fs * font.size_scale * m[2].hypot(m[3])).abs();
        // The writing direction: the text matrix's x axis, turned round by a negative font
        // size or horizontal scale (a negative size draws the text rotated by 180°).
        let dir = (fs * th).signum();
        let rot = {
            let (a, b) = (m[0] * dir, m[1] * dir);
            if a.abs() >= b.abs() {
                if a >= 0.0 {
                    0u8
                } else {
                    2
                }
            } else if b > 0.0 {
                1
            } else {
                3
            }
        };
        // A mirrored matrix (its x and y axes swapped in handedness, e.g. `-1 0 0 1 Tm`) still
        // stacks its lines top to bottom on the page: the line coordinate is turned back.
        let mirrored = (m[0] * m[3] - m[1] * m[2]) * th.signum() < 0.0;
        let margin = size.min(1000.0);
        let mut u = 0.0f32;
        let mut rest = bytes;
        let out = &mut *self.out;
        while !rest.is_empty() {
            let code: Code = font.next_code(rest);
            rest = rest.get(usize::from(code.len).max(1)..).unwrap_or(&[]);
            let w0 = font.width(&code);
            let mut adv = w0 * fs + gs.tc;
            if font.is_word_space(&code) {
                adv += gs.tw;
            }
            let adv = adv * th;
            let vis = w0 * fs * th;
            if out.glyphs.len() < MAX_GLYPHS && size.is_finite() && size > 0.0 {
                let (px, py) = (
                    u * m[0] + gs.rise * m[2] + m[4],
                    u * m[1] + gs.rise * m[3] + m[5],
                );
                let ue = u + vis;
                let (qx, qy) = (
                    ue * m[0] + gs.rise * m[2] + m[4],
                    ue * m[1] + gs.rise * m[3] + m[5],
                );
                let inside = px >= self.bbox[0] - margin
                    && px <= self.bbox[2] + margin
                    && py >= self.bbox[1] - margin
                    && py <= self.bbox[3] + margin;
                if inside && px.is_finite() && py.is_finite() && qx.is_finite() && qy.is_finite() {
                    let (x0, x1, y) = match rot {
                        0 => (px, qx, -py),
                        1 => (py, qy, px),
                        2 => (-px, -qx, py),
                        _ => (-py, -qy, -px),
                    };
                    let (x0, x1) = if x1 < x0 { (x1, x0) } else { (x0, x1) };
                    let y = if mirrored { -y } else { y };
                    let t0 = out.text.len();
                    let mut flags = 0u8;
                    self.scratch.clear();
                    if font.unicode(&code, &mut self.scratch) {
                        push_clean(&mut out.text, &self.scratch, &mut out.bad_chars);
                        if out
                            .text
                            .get(t0..)
                            .is_some_and(|t| !t.is_empty() && t.chars().all(|c| c == ' '))
                        {
                            out.text.truncate(t0 + 1);
                            flags |= F_SPACE;
                        }
                    } else if !font.dingbats {
                        flags |= F_UNMAPPED;
                        out.unmapped += 1;
                    }
                    out.glyphs.push(Glyph {
                        x0,
                        x1,
                        y,
                        size,
                        t0: t0 as u32,
                        t1: out.text.len() as u32,
                        rot,
                        flags,
                        mark: '\0',
                    });
                }
            } else if out.glyphs.len() >= MAX_GLYPHS {
                out.truncated = true;
            }
            if adv.is_finite() {
                u += adv;
            }
        }
        *tm = translate(tm, u, 0.0);
    }
}

/// Device-space bounding box of user-space points.
fn seg_box(ctm: &M, pts: &[(f32, f32)]) -> [f32; 4] {
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for &(x, y) in pts {
        let dx = x * ctm[0] + y * ctm[2] + ctm[4];
        let dy = x * ctm[1] + y * ctm[3] + ctm[5];
        b[0] = b[0].min(dx);
        b[1] = b[1].min(dy);
        b[2] = b[2].max(dx);
        b[3] = b[3].max(dy);
    }
    b
}

fn translate(m: &M, tx: f32, ty: f32) -> M {
    let mut r = *m;
    r[4] = tx * m[0] + ty * m[2] + m[4];
    r[5] = tx * m[1] + ty * m[3] + m[5];
    if r[4].is_finite() && r[5].is_finite() {
        r
    } else {
        *m
    }
}

/// Appends `s` to `out` with ligatures expanded, no-break spaces and tabs as spaces, and
/// control, private-use and replacement characters dropped (and counted in `bad`).
pub(crate) fn push_clean(out: &mut String, s: &str, bad: &mut usize) {
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{A0}' | '\t' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => out.push(' '),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFD}' => *bad += 1,
            '\u{E000}'..='\u{F8FF}' => *bad += 1,
            c => out.push(c),
        }
    }
}
