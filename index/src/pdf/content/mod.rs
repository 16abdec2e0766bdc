//! Content-stream interpretation (tokens from `lex`): the graphics/text state machine (q/Q cm, BT/ET,
//! Tf Tc Tw Tz TL Ts Td TD Tm T*, Tj TJ ' "), Form XObjects (recursive, depth- and
//! cycle-limited), images (for the no-text-layer check) and marked-content `ActualText`.
//! Every shown glyph becomes a [`Glyph`] with its position in a rotation-normalised frame.
//!
//! The parts: `text` (text operators, glyph placement, fonts per resource name), `graphics`
//! (paths and rulings, images, Form XObjects), `marked` (marked content and ActualText); this
//! file holds the page's output, the per-document cache and the operator loop.

mod graphics;
mod marked;
mod text;

use super::font::Font;
use super::lex::{Lexer, Operand, Token};
use super::{Budget, Limits};
use graphics::Path;
use lopdf::{Dictionary, Document, ObjectId};
use marked::Marked;
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) use text::push_clean;

/// Most glyphs kept per page.
pub(crate) const MAX_GLYPHS: usize = 400_000;
/// Most operands kept before an operator (longer runs are dropped).
const MAX_OPERANDS: usize = 65_536;
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

    fn run(&mut self, data: &[u8], resources: Option<&'a Dictionary>, gs0: GState, depth: usize) {
        let mut lx = Lexer { data, pos: 0 };
        let mut strbuf: Vec<u8> = Vec::new();
        let mut operands: Vec<Operand> = Vec::with_capacity(16);
        let mut f = Frame {
            gs: gs0,
            stack: Vec::new(),
            tm: IDENT,
            tlm: IDENT,
            path: Path::default(),
        };
        let marked_base = self.marked.len();
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
            let a = Args {
                operands: &operands,
                data,
                strbuf: &strbuf,
            };
            match op {
                b"q" if f.stack.len() < MAX_GSTATE_DEPTH => f.stack.push(f.gs.clone()),
                b"Q" => {
                    if let Some(g) = f.stack.pop() {
                        f.gs = g;
                    }
                }
                b"cm" => {
                    if let Some(c) = a.six().and_then(|m| finite(mul(&m, &f.gs.ctm))) {
                        f.gs.ctm = c;
                    }
                }
                b"Do" => {
                    if let Some(xname) = a.last_name() {
                        self.xobject(xname, resources, &f.gs, depth);
                    }
                }
                b"BI" => {
                    lx.skip_inline_image();
                    self.add_image(&f.gs.ctm);
                }
                b"BMC" => self.marked.push(Marked { actual: None }),
                b"BDC" => self.begin_marked(&a, resources),
                b"EMC" if self.marked.len() > marked_base => {
                    if let Some(m) = self.marked.pop() {
                        self.end_marked(m);
                    }
                }
                _ => {
                    if !self.text_op(op, &a, &mut f, resources) {
                        f.path.op(op, &a, &f.gs.ctm, &mut self.out.rules);
                    }
                }
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
}

/// The state a content stream's operators change: the graphics state and its `q` stack, the
/// text and line matrices, the current path.
struct Frame {
    gs: GState,
    stack: Vec<GState>,
    tm: M,
    tlm: M,
    path: Path,
}

/// The operands of one operator, with the bytes their names and strings point into.
struct Args<'s> {
    operands: &'s [Operand],
    /// The content stream (names are ranges into it).
    data: &'s [u8],
    /// Decoded strings (ranges into it).
    strbuf: &'s [u8],
}

impl Args<'_> {
    /// The `i`th operand as a number (0 when it is not one).
    fn num(&self, i: usize) -> f32 {
        match self.operands.get(i) {
            Some(Operand::Num(v)) => *v,
            _ => 0.0,
        }
    }

    /// The last six operands as a matrix, if they are numbers.
    fn six(&self) -> Option<M> {
        let k = self.operands.len().checked_sub(6)?;
        let mut m = [0.0f32; 6];
        for (j, slot) in m.iter_mut().enumerate() {
            match self.operands.get(k + j) {
                Some(Operand::Num(v)) => *slot = *v,
                _ => return None,
            }
        }
        Some(m)
    }

    fn last_name(&self) -> Option<&[u8]> {
        match self.operands.last() {
            Some(Operand::Name(a, b)) => self.data.get(*a as usize..*b as usize),
            _ => None,
        }
    }

    fn last_str(&self) -> Option<&[u8]> {
        match self.operands.last() {
            Some(Operand::Str(a, b)) => self.strbuf.get(*a as usize..*b as usize),
            _ => None,
        }
    }
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
