# Sourced by scripts/make-sample-docs.sh and scripts/make-scale-corpus.sh.
#
# make_lv_fonts DIR: groff font descriptions in DIR/devps for the URW base35 fonts with an
# encoding that adds the 18 Latvian letters groff's stock text.enc lacks (ā č ē ģ ī ķ ļ ņ ū
# and capitals) in the free slots 10-27; grops then re-encodes the fonts and ghostscript
# embeds them as Type1C with glyph-name /Differences.
make_lv_fonts() {
    local dir=$1/devps G U n=10
    G=$(dirname "$(find /usr/share/groff -path '*/font/devps/DESC' | head -n1)")
    U=/usr/share/fonts/type1/urw-base35
    mkdir -p "$dir"
    cp "$G/DESC" "$dir/"
    {
        cat "$G/text.enc"
        for g in Amacron amacron Ccaron ccaron Emacron emacron Gcommaaccent gcommaaccent \
                 Imacron imacron Kcommaaccent kcommaaccent Lcommaaccent lcommaaccent \
                 Ncommaaccent ncommaaccent Umacron umacron; do
            echo "$g $n"; n=$((n + 1))
        done
    } >"$dir/lv.enc"
    local f
    for f in "TR NimbusRoman-Regular" "TB NimbusRoman-Bold" "TI NimbusRoman-Italic" \
             "TBI NimbusRoman-BoldItalic" "HR NimbusSans-Regular" "HB NimbusSans-Bold"; do
        set -- $f
        (cd "$dir" && afmtodit -e lv.enc "$U/$2.afm" "$G/generate/textmap" "$1" 2>/dev/null)
    done
}
