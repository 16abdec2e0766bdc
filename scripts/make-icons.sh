#!/usr/bin/env bash
# Draws the app icon (a white page with three text lines on a blue rounded square) at the sizes
# the desktop wants besides the 128 px icons/icon.png: src-tauri/icons/{32x32,256x256,512x512}.png,
# RGBA. At 128 px the drawing is pixel for pixel icon.png, which stays the original (the window
# uses it). The Debian bundler files each under /usr/share/icons/hicolor/<W>x<H>/apps/.
# Drawn from shapes rather than scaled from one bitmap, so the large sizes stay sharp.
# The shapes are in a 128-unit grid (the original 128 px icon); ImageMagick scales them.
# Needs imagemagick (convert). The PNGs are committed; run this only to change the icon.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/icons"

draw() { # SIZE OUT
  local s
  s=$(awk -v n="$1" 'BEGIN { print n / 128 }')
  # Edges in grid units, rounded to whole pixels so that small sizes stay crisp; MVG fills
  # pixel columns x0..x1 inclusive, hence the -1 at the far edges.
  local mvg
  mvg=$(awk -v s="$s" 'function r(x0, y0, x1, y1, extra) {
      printf "%s %d,%d %d,%d %s\n", (extra == "" ? "rectangle" : "roundrectangle"),
        int(x0 * s + 0.5), int(y0 * s + 0.5), int(x1 * s + 0.5) - 1, int(y1 * s + 0.5) - 1, extra }
    BEGIN {
      print "fill #1F5FA8"; r(4, 4, 124, 124, sprintf("%.3f,%.3f", 20 * s, 20 * s))
      print "fill #FFFFFF"; r(36, 30, 93, 99, "")
      print "fill #1F5FA8"; r(46, 44, 83, 51, ""); r(46, 58, 83, 65, ""); r(46, 72, 71, 79, "")
    }')
  convert -size "$1x$1" xc:none -draw "$mvg" "PNG32:$2"
}

draw 32 32x32.png
draw 256 256x256.png
draw 512 512x512.png
