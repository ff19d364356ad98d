/* zs_docsets (shim-internal C++): sets of document ids kept in a database's
 * metadata as ranges, and the posting source that leaves them out of a match. */
#ifndef ZS_DOCSETS_H
#define ZS_DOCSETS_H

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace zs_shim {

/* Sorted, disjoint, non-adjacent [first, last] ranges: the passages of one
 * file are added one after another, so a file takes one range. */
using DocRanges = std::vector<std::pair<Xapian::docid, Xapian::docid>>;

/* Bytes <-> ranges. decode throws Xapian::DatabaseCorruptError on bytes that
 * are not a set (a damaged set must not silently show or hide passages). */
std::string encode_ranges(const DocRanges &r);
DocRanges decode_ranges(const std::string &bytes);

/* The ranges of ids (any order, repeats allowed); ids is sorted in place. */
DocRanges ranges_of(std::vector<Xapian::docid> &ids);
/* a ∪ b. */
DocRanges unite(const DocRanges &a, const DocRanges &b);
Xapian::doccount count_of(const DocRanges &r);
bool contains(const DocRanges &r, Xapian::docid id);

/* The union of the sets under keys in db's metadata ("" for none). */
DocRanges read_sets(const Xapian::Database &db, const std::vector<std::string> &keys);

/* Matches the ids of the sets under keys, read from each database it is run
 * on: Xapian gives every shard of a search its own clone, initialised with
 * that shard, so each filters with its own ids. Local databases only: it
 * cannot be sent to a remote one. */
class DocsetSource : public Xapian::PostingSource {
public:
  explicit DocsetSource(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  DocsetSource *clone() const override {
    return new DocsetSource(keys_);
  }
  void init(const Xapian::Database &db) override;
  Xapian::doccount get_termfreq_min() const override {
    return count_;
  }
  Xapian::doccount get_termfreq_est() const override {
    return count_;
  }
  Xapian::doccount get_termfreq_max() const override {
    return count_;
  }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override {
    return started_ && at_ >= ranges_.size();
  }
  Xapian::docid get_docid() const override {
    return did_;
  }
  std::string get_description() const override {
    return "DocsetSource";
  }

private:
  std::vector<std::string> keys_;
  DocRanges ranges_;
  Xapian::doccount count_ = 0;
  size_t at_ = 0;
  Xapian::docid did_ = 0;
  bool started_ = false;
};

} // namespace zs_shim

#endif
