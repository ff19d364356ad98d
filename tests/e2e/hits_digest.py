# hits_digest: zhquery --json output on stdin -> sorted lines to compare runs
# on differently laid-out indexes: score, file name (folders dropped), lines.
import json
import sys

lines = []
for raw in sys.stdin:
    o = json.loads(raw)
    if o.get("kind") == "hit":
        lines.append("hit %.9g %s %s" % (o["score"], o["file"].rsplit("/", 1)[-1], o["lines"]))
    elif o.get("kind") == "summary":
        o.pop("query", None)
        lines.append("summary " + json.dumps(o, ensure_ascii=False, sort_keys=True))
print("\n".join(sorted(lines)))
