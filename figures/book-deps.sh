#!/bin/sh
# book-deps.sh CHAPTER.nw...: the reading path's chapters as a TikZ
# graph on stdout, with the preface's three courses as badges.
for f in "$@"; do
  n=$(basename "$f" | cut -c1-2)
  grep -o '\\label{ch:[a-z]*}' "$f" | head -1 \
    | sed 's/.*{ch:\(.*\)}/name '"$n"' \1/'
  sed -n 's/^<<code\/\([a-z-]*\.h\)>>=.*/defines '"$n"' \1/p' "$f"
  grep -o '#include "[a-z-]*\.h"' "$f" \
    | sed 's/.*"\(.*\)"/includes '"$n"' \1/'
  grep -o 'ref{ch:[a-z]*}' "$f" \
    | sed 's/ref{ch:\(.*\)}/cites '"$n"' \1/'
done | awk '
BEGIN {
  course["F"] = "01:1 02:2 03:3 13:4"
  course["W"] = "01:1 02:2 03:3 04:4 05:5 06:6 07:7 08:8 09:9" \
                " 10:10 11:11 12:-- 13:12"
  course["S"] = "01:1 02:2 03:3 04:-- 05:-- 06:-- 07:-- 08:4 09:5" \
                " 10:6 11:7 12:8 13:8"
}
$1 == "name"     { name[$2] = $3; num[$3] = $2; chs[++nch] = $2 }
$1 == "defines"  { owner[$3] = $2 }
$1 == "includes" { inc[$2, $3] = 1 }
$1 == "cites"    { cite[$2, $3] = 1 }
END {
  for (k in inc) { split(k, p, SUBSEP); a = owner[p[2]]
    if (a != "" && a < p[1]) e[a, p[1]] = 1 }
  for (k in cite) { split(k, p, SUBSEP); a = num[p[2]]
    if (a != "" && a < p[1]) e[a, p[1]] = 1 }
  for (k in e) r[k] = 1
  for (j = 1; j <= nch; j++) for (i = 1; i <= nch; i++)
    for (l = 1; l <= nch; l++)
      if (r[chs[i], chs[j]] && r[chs[j], chs[l]]) r[chs[i], chs[l]] = 1
  for (k in e) { split(k, p, SUBSEP)
    for (j = 1; j <= nch; j++)
      if (r[p[1], chs[j]] && r[chs[j], p[2]]) delete e[k] }
  for (i = 1; i <= nch; i++) { v = chs[i]; rank[v] = 0
    for (j = 1; j < i; j++)
      if (((chs[j], v) in e) && rank[chs[j]] + 1 > rank[v])
        rank[v] = rank[chs[j]] + 1
    col[v] = width[rank[v]]++ }
  print "\\providecommand{\\depbadge}[2]{{\\setlength{\\fboxsep}{1pt}%"
  print "  \\colorbox{#1}{\\textcolor{white}{\\scriptsize\\sffamily#2}}}}"
  print "\\begin{tikzpicture}[x=27mm,y=13mm,font=\\small,"
  print "  ch/.style={draw,rounded corners,fill=white,"
  print "    minimum width=24mm,align=center,inner sep=2pt},"
  print "  dep/.style={->,>=stealth,gray!70!black}]"
  split("F W S", cs, " ")
  split("red!70!black blue!70!black green!45!black", cc, " ")
  for (i = 1; i <= nch; i++) { v = chs[i]
    x = col[v] - (width[rank[v]] - 1) / 2; px[v] = x
    if (x > wide) wide = x
    t = toupper(substr(name[v], 1, 1)) substr(name[v], 2)
    if (length(t) <= 3) t = toupper(t)
    printf "\\node[ch] (c%s) at (%.2f,%d) {%d\\ %s\\\\[1pt]", \
           v, x, -rank[v], v + 0, t
    for (c = 1; c <= 3; c++) {
      n = split(course[cs[c]], pr, " "); s = ""
      for (m = 1; m <= n; m++) if (substr(pr[m], 1, 2) == v)
        s = substr(pr[m], 4)
      if (s != "") printf "\\depbadge{%s}{%s%s}", cc[c], cs[c], s
    }
    print "};" }
  for (k in e) { split(k, p, SUBSEP); a = p[1]; b = p[2]
    if (rank[b] - rank[a] == 1) {
      printf "\\draw[dep] (c%s) -- (c%s);\n", a, b; continue }
    if (px[a] < 0) { sd = "west"; lx = -(wide + 0.75 + 0.12 * nl++) }
    else { sd = "east"; lx = wide + 0.75 + 0.12 * nr++ }
    printf "\\draw[dep, rounded corners] (c%s.%s) -- (%.2f,%d) -- " \
           "(%.2f,%d) -- (c%s.%s);\n", a, sd, lx, -rank[a], lx, \
           -rank[b], b, sd }
  print "\\end{tikzpicture}"

}'
