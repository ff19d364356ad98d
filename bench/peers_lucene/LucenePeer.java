/* bench/peers_lucene/LucenePeer.java: the Lucene 8 peers of bench/peers (CJK bigrams and
 * smartcn words), compiled by bench/peers at run time against Debian's liblucene8-java.
 *
 *   LucenePeer index cjk|smartcn PASSAGES.tsv INDEX_DIR
 *     indexes file<TAB>line<TAB>text lines (\t, \n, \r and \\ escaped), one document
 *     each, text analysed and stored; then forceMerge(1) and commit. Prints the count.
 *   LucenePeer query cjk|smartcn INDEX_DIR QUERIES.tsv PASSES [COUNT_UP_TO]
 *     reads kind<TAB>query lines (kind: theme or exact), runs them once to warm up,
 *     then PASSES timed passes, printing ms<TAB>matches<TAB>kind<TAB>query per query
 *     (timed with System.nanoTime in this JVM: its start-up is not in the figures).
 *
 * Queries mean what a Lucene user gets with QueryParser and the analyser the index was
 * built with, all words required (default operator AND, as Xapian's n-grams are):
 * theme words are parsed as typed, exact ones quoted (a phrase of the analyser's
 * tokens), top 10 by BM25 with their stored text, counts exact up to COUNT_UP_TO.
 * One exception: CJKAnalyzer emits a unigram only for a character standing alone, so
 * a one-character query's TermQuery would miss it inside bigrams; it is the bigrams
 * (and lone unigram) that start with it or end with it (a prefix and a leading
 * wildcard over the terms, constant score), which counts every passage holding it.
 * smartcn has no such way: a character inside a longer word is not found, and
 * bench/peers reports the counts that differ from a substring count.
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class LucenePeer {
  private static Analyzer analyzer(String kind) {
    switch (kind) {
    case "cjk": return new CJKAnalyzer();
    case "smartcn": return new SmartChineseAnalyzer();
    default: throw new IllegalArgumentException("analyzer: cjk or smartcn, not " + kind);
    }
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0)
      return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void index(String kind, String passages, String dir) throws IOException {
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer(kind)); // defaults otherwise
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    long n = 0;
    try (Directory d = FSDirectory.open(Paths.get(dir)); IndexWriter w = new IndexWriter(d, cfg);
         BufferedReader in = Files.newBufferedReader(Paths.get(passages), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null;) {
        String[] f = line.split("\t", 3);
        Document doc = new Document();
        doc.add(new StoredField("file", unescape(f[0])));
        doc.add(new StoredField("line", Integer.parseInt(f[1])));
        doc.add(new TextField("text", unescape(f[2]), Field.Store.YES));
        w.addDocument(doc);
        n++;
      }
      w.forceMerge(1); // one segment, as a finished index is searched
      w.commit();
    }
    System.out.println(n);
  }

  private static Query build(String kind, QueryParser qp, String type, String q) throws ParseException {
    if (kind.equals("cjk") && type.equals("exact") && q.codePointCount(0, q.length()) == 1
        && Character.UnicodeScript.of(q.codePointAt(0)) == Character.UnicodeScript.HAN) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(new PrefixQuery(new Term("text", q)), BooleanClause.Occur.SHOULD);  // 育, 育X
      b.add(new WildcardQuery(new Term("text", "*" + q)), BooleanClause.Occur.SHOULD);  // X育
      return b.build();
    }
    return qp.parse(type.equals("exact") ? "\"" + QueryParser.escape(q) + "\"" : q);
  }

  private static void query(String kind, String dir, String queries, int passes, int countUpTo)
      throws IOException, ParseException {
    List<String[]> qs = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(queries), StandardCharsets.UTF_8))
      if (!line.isEmpty())
        qs.add(line.split("\t", 2));
    QueryParser qp = new QueryParser("text", analyzer(kind));
    qp.setDefaultOperator(QueryParser.Operator.AND);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    try (Directory d = FSDirectory.open(Paths.get(dir)); DirectoryReader r = DirectoryReader.open(d)) {
      IndexSearcher s = new IndexSearcher(r); // BM25 by default
      long sink = 0;
      for (int p = 0; p <= passes; p++) {
        for (String[] kq : qs) {
          long t0 = System.nanoTime();
          Query q = build(kind, qp, kq[0], kq[1]);
          TopScoreDocCollector c = TopScoreDocCollector.create(10, countUpTo);
          s.search(q, c);
          TopDocs top = c.topDocs();
          for (ScoreDoc sd : top.scoreDocs)
            sink += s.doc(sd.doc).get("text").length(); // the passage text, as a hit list shows it
          double ms = (System.nanoTime() - t0) / 1e6;
          if (p > 0)
            out.printf("%.3f\t%d\t%s\t%s%n", ms, top.totalHits.value, kq[0], kq[1]);
        }
      }
      if (sink < 0)
        out.println(sink);
    }
    out.flush();
  }

  public static void main(String[] a) throws Exception {
    if (a.length >= 4 && a[0].equals("index")) {
      index(a[1], a[2], a[3]);
    } else if (a.length >= 5 && a[0].equals("query")) {
      query(a[1], a[2], a[3], Integer.parseInt(a[4]), a.length > 5 ? Integer.parseInt(a[5]) : 10000);
    } else {
      System.err.println("usage: LucenePeer index cjk|smartcn PASSAGES.tsv INDEX_DIR\n"
                         + "       LucenePeer query cjk|smartcn INDEX_DIR QUERIES.tsv PASSES [COUNT_UP_TO]");
      System.exit(2);
    }
  }
}
