/* zs_facet_spies: facet counts without a B-tree lookup per match: a value
 * stream read forward, or after the first search a column held in memory. */
#include "zs_facet_spies.h"

#include <algorithm>
#include <unordered_map>

namespace zs_shim {

struct FacetSpies::Spy {
  virtual ~Spy() = default;
  virtual Xapian::MatchSpy &matchspy() = 0;
  virtual void take(FacetCounts &out) = 0;
};

namespace {

/* Counts the documents of each value of one slot among the matches, as
 * Xapian's ValueCountMatchSpy does (an empty value is not counted), but reads
 * the slot's value stream forward instead of looking each match's value up:
 * over one local database the matcher meets matches in docid order. */
class StreamSpy : public FacetSpies::Spy, public Xapian::MatchSpy {
  Xapian::Database db_;
  Xapian::valueno slot_;
  Xapian::ValueIterator at_, end_;
  Xapian::docid last_ = 0;
  bool started_ = false;
  /* Neighbouring passages mostly share a value (a file's passages are
   * consecutive): a run of one value is counted here, then once in counts_. */
  std::string run_value_;
  Xapian::doccount run_ = 0;
  std::map<std::string, Xapian::doccount> counts_;

  void end_run() {
    if (run_)
      counts_[run_value_] += run_;
    run_ = 0;
  }

public:
  StreamSpy(const Xapian::Database &db, Xapian::valueno slot) : db_(db), slot_(slot) {}
  void operator()(const Xapian::Document &doc, double) override {
    const Xapian::docid did = doc.get_docid();
    if (!started_ || did < last_) { /* never expected backwards: start again */
      at_ = db_.valuestream_begin(slot_);
      end_ = db_.valuestream_end(slot_);
      started_ = true;
    }
    last_ = did;
    if (at_ == end_)
      return;
    at_.skip_to(did);
    if (at_ == end_ || at_.get_docid() != did)
      return;
    const std::string value = *at_;
    if (value.empty())
      return;
    if (!run_ || value != run_value_) {
      end_run();
      run_value_ = value;
    }
    run_++;
  }
  Xapian::MatchSpy &matchspy() override {
    return *this;
  }
  void take(FacetCounts &out) override {
    end_run();
    out.assign(counts_.begin(), counts_.end());
  }
};

/* The same from a column: one array read per match. */
class ColumnSpy : public FacetSpies::Spy, public Xapian::MatchSpy {
  std::shared_ptr<const FacetColumn> column_;
  std::vector<Xapian::doccount> counts_; /* by ordinal */

public:
  explicit ColumnSpy(std::shared_ptr<const FacetColumn> column)
      : column_(std::move(column)), counts_(column_->values.size() + 1) {}
  void operator()(const Xapian::Document &doc, double) override {
    const Xapian::docid did = doc.get_docid();
    if (did < column_->ord.size())
      counts_[column_->ord[did]]++;
  }
  Xapian::MatchSpy &matchspy() override {
    return *this;
  }
  void take(FacetCounts &out) override {
    out.clear();
    for (size_t i = 1; i < counts_.size(); i++)
      if (counts_[i])
        out.emplace_back(column_->values[i - 1], counts_[i]);
    std::sort(out.begin(), out.end()); /* by value, as Xapian's spy lists them */
  }
};

/* Xapian's own spy: it can be sent to a remote shard, and it is given each
 * shard's documents. */
class XapianSpy : public FacetSpies::Spy {
  Xapian::ValueCountMatchSpy spy_;

public:
  explicit XapianSpy(Xapian::valueno slot) : spy_(slot) {}
  Xapian::MatchSpy &matchspy() override {
    return spy_;
  }
  void take(FacetCounts &out) override {
    out.clear();
    for (auto v = spy_.values_begin(); v != spy_.values_end(); ++v)
      out.emplace_back(*v, v.get_termfreq());
  }
};

std::shared_ptr<const FacetColumn> build_column(const Xapian::Database &db, Xapian::valueno slot) {
  auto column = std::make_shared<FacetColumn>();
  column->ord.assign(static_cast<size_t>(db.get_lastdocid()) + 1, 0);
  std::unordered_map<std::string, uint32_t> ords;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const std::string value = *it;
    if (value.empty() || it.get_docid() >= column->ord.size())
      continue;
    auto [at, added] = ords.emplace(value, static_cast<uint32_t>(column->values.size() + 1));
    if (added)
      column->values.push_back(value);
    column->ord[it.get_docid()] = at->second;
  }
  return column;
}

} // namespace

std::shared_ptr<const FacetColumn> FacetColumns::get(const Xapian::Database &db,
                                                     Xapian::valueno slot) {
  std::lock_guard<std::mutex> lock(mu_);
  auto &column = columns_[slot];
  if (!column && ++asked_[slot] >= 2)
    column = build_column(db, slot);
  return column;
}

void FacetColumns::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  columns_.clear();
  asked_.clear();
}

FacetSpies::FacetSpies(Xapian::Enquire &enquire, const Xapian::Database &db, bool own,
                       FacetColumns *columns, const unsigned *slots, size_t n) {
  for (size_t i = 0; i < n; i++) {
    std::shared_ptr<const FacetColumn> column =
        own && columns ? columns->get(db, slots[i]) : nullptr;
    if (column)
      spies_.push_back(std::make_unique<ColumnSpy>(std::move(column)));
    else if (own)
      spies_.push_back(std::make_unique<StreamSpy>(db, slots[i]));
    else
      spies_.push_back(std::make_unique<XapianSpy>(slots[i]));
    enquire.add_matchspy(&spies_.back()->matchspy());
  }
}

FacetSpies::~FacetSpies() = default;

void FacetSpies::take(std::vector<FacetCounts> &out) {
  for (auto &spy : spies_) {
    out.emplace_back();
    spy->take(out.back());
  }
}

} // namespace zs_shim
