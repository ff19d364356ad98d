#!/usr/bin/env bash
# End to end: bad input gets a one-line message naming the file, the rest is
# indexed, the exit status is non-zero and the index still answers.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
mkdir -p "$D/sub"
cp "$CORPUS/guizhou-2025-work-review.txt" "$D/good.txt"
: >"$D/empty.txt"
printf '计生协\xff\xfe工作\n' >"$D/latin1.txt"
printf '扫一扫在手机打开当前页\n\n【打印本页】【关闭窗口】\n' >"$D/controls.txt"
ln -s .. "$D/sub/loop"
ln -s self.txt "$D/self.txt"
cp "$CORPUS/henan-2026-work-points.txt" "$D/locked.txt"
chmod 000 "$D/locked.txt"

# The first run sets up the index with one good file.
expect_status 0 "$ZHINDEX" --index "$IDX" "$D/good.txt"

if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  # root reads any file: run as nobody so that chmod 000 means unreadable
  chmod -R a+rwX "$WORK" && chmod 000 "$D/locked.txt"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  as_user=()
fi
expect_status 1 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D" "$WORK/missing-dir"
expect_contains "$err" "$D/empty.txt: file is empty" "empty file"
expect_contains "$err" "$D/controls.txt: no text left after clean-up" "a file of page controls only"
expect_contains "$err" "$D/latin1.txt: not valid UTF-8 (byte 0xFF at offset 9)" "bad UTF-8"
expect_contains "$err" "$D/sub/loop: symbolic link loop" "directory loop"
expect_contains "$err" "$D/self.txt: symbolic link loop" "self link"
expect_contains "$err" "$WORK/missing-dir: No such file or directory" "missing path"
if ((${#as_user[@]})); then
  expect_contains "$err" "$D/locked.txt: cannot open: Permission denied" "unreadable file"
fi
# one line per problem
[[ $(grep -c "^zhindex: " <<<"$err") -ge 5 ]] && pass || fail "one line per bad input"
expect_contains "$out" "1 unchanged" "the good file, unchanged, is left alone"

# The index opens and answers, with the good file's passages.
expect_status 0 "$ZHQUERY" --index "$IDX" 唇腭裂
expect_contains "$out" "good.txt" "good file searchable"

# A missing index: say so and how to build one.
expect_status 3 "$ZHQUERY" --index "$WORK/no-index" 唇腭裂
expect_contains "$err" "no index at $WORK/no-index" "missing index message"
expect_contains "$err" "zhindex --index $WORK/no-index" "how to build one"

# Text is never dropped without a word: deep HTML, a 2,700-character heading
# line and short unpunctuated lines are searchable; a file indexed without some
# of its text (--lossy replacements, a PDF page that cannot be read) is counted
# in the summary and named with --verbose.
L="$WORK/lossless"
mkdir -p "$L"
python3 - "$L" <<'PY'
import sys
out = sys.argv[1]
for n in (255, 100000):
    open("%s/deep%d.html" % (out, n), "w").write(
        "<html><body><p>开头段落文字</p>" + "<div>" * n + "<p>深层嵌套的计生协工作文字</p>"
        + "</div>" * n + "<p>嵌套之后的育儿补贴文字</p></body></html>")
open(out + "/longhead.md", "w").write("# " + "计生协开展青春健康教育，" * 225 + "\n")
open(out + "/short.txt", "w").write("after text 计生协后文\n")
PY
python3 -c '
import importlib.util, re, sys
spec = importlib.util.spec_from_file_location("mk", sys.argv[1])
mk = importlib.util.module_from_spec(spec); spec.loader.exec_module(mk)
pdf = mk.make_pdf()
m = re.search(rb"/Kids \[([^\]]*)\] /Count (\d+)", pdf)  # a fourth page that is not there
open(sys.argv[2], "wb").write(pdf.replace(m.group(0), b"/Kids [%s 98 0 R] /Count %d" % (m.group(1), int(m.group(2)) + 1)))
' "$(dirname "$0")/mkformats.py" "$L/broken-page.pdf"
printf '计生协\xff\xfe工作报告\n' >"$L/lossy.txt"
expect_status 0 "$ZHINDEX" --index "$WORK/lossless-index" --lossy "$L"
expect_contains "$out" "2 files indexed without some of their text (--verbose names them)" "the summary counts them"
expect_status 0 "$ZHINDEX" --index "$WORK/lossless-index" --rebuild --lossy --verbose "$L"
expect_contains "$err" "$L/broken-page.pdf: indexed without some of its text: 1 of 4 PDF pages cannot be read" \
  "a PDF page that cannot be read, named"
expect_contains "$err" "$L/lossy.txt: indexed without some of its text: 2 invalid byte sequences replaced" \
  "--lossy replacements, named"
for q in 深层嵌套的计生协工作文字 嵌套之后的育儿补贴文字 开头段落文字 '"青春健康教育，计生协"' '"计生协后文"'; do
  expect_status 0 "$ZHQUERY" --index "$WORK/lossless-index" --count "$q"
  [[ $out -ge 1 ]] && pass || fail "$q: not found"
done
expect_status 0 "$ZHQUERY" --index "$WORK/lossless-index" --all-copies --count '"深层嵌套的计生协工作文字"'
expect_eq "$out" 2 "the deeply nested text of both pages (copies of one another)"

# Usage errors.
expect_status 2 "$ZHINDEX" --index "$IDX"
expect_status 2 "$ZHQUERY" --index "$IDX" -n abc 唇腭裂
finish
