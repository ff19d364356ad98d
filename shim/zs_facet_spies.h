/* zs_facet_spies (shim-internal C++): the match spies that count facet values,
 * and the per-database columns that make counting them cheap after the first. */
#ifndef ZS_FACET_SPIES_H
#define ZS_FACET_SPIES_H

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace zs_shim {

/* One slot's values by docid (0: none), read once over the whole database. */
struct FacetColumn {
  std::vector<uint32_t> ord;       /* docid -> 1 + index into values, 0 for none */
  std::vector<std::string> values; /* the distinct non-empty values */
};

/* The columns of one open read-only database, built on its second search with
 * facets (a one-shot zhquery never pays for them; zhquery serve reads each
 * slot once) and dropped when the database is reopened on a new revision. */
class FacetColumns {
public:
  /* The column of slot, or nullptr while it is not worth building yet. */
  std::shared_ptr<const FacetColumn> get(const Xapian::Database &db, Xapian::valueno slot);
  void clear();

private:
  std::mutex mu_;
  std::map<Xapian::valueno, std::shared_ptr<const FacetColumn>> columns_;
  std::map<Xapian::valueno, unsigned> asked_;
};

using FacetCounts = std::vector<std::pair<std::string, Xapian::doccount>>;

/* The spies of one search's facets, one per slot, in the slots' order. */
class FacetSpies {
public:
  /* Spies for slots[0..n) added to enquire. Over one local database (own):
   * from columns when built, else reading each slot's value stream forward;
   * otherwise Xapian's ValueCountMatchSpy (several shards, remote ones).
   * columns may be nullptr (a writer). */
  FacetSpies(Xapian::Enquire &enquire, const Xapian::Database &db, bool own, FacetColumns *columns,
             const unsigned *slots, size_t n);
  ~FacetSpies();
  FacetSpies(const FacetSpies &) = delete;
  FacetSpies &operator=(const FacetSpies &) = delete;

  /* Each slot's values and counts, appended to out in the slots' order. */
  void take(std::vector<FacetCounts> &out);

  struct Spy; /* one slot's counting (zs_facet_spies.cc) */

private:
  std::vector<std::unique_ptr<Spy>> spies_;
};

} // namespace zs_shim

#endif
