/* zs_docsets: ranges encoded as varint gaps, so that a set of a million
 * passages in a few thousand files stays a few kilobytes of metadata. */
#include "zs_docsets.h"

#include <algorithm>

namespace zs_shim {

namespace {

void put_varint(std::string &out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

uint32_t get_varint(const std::string &in, size_t &at) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 35; shift += 7) {
    if (at >= in.size())
      break;
    const unsigned char b = static_cast<unsigned char>(in[at++]);
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      if (v > UINT32_MAX)
        break;
      return static_cast<uint32_t>(v);
    }
  }
  throw Xapian::DatabaseCorruptError("damaged document id set in the index metadata");
}

} // namespace

/* Each range as (gap from the previous range's last id, length - 1). */
std::string encode_ranges(const DocRanges &r) {
  std::string out;
  Xapian::docid prev = 0;
  for (const auto &[first, last] : r) {
    put_varint(out, first - prev);
    put_varint(out, last - first);
    prev = last;
  }
  return out;
}

DocRanges decode_ranges(const std::string &bytes) {
  DocRanges r;
  size_t at = 0;
  uint64_t prev = 0;
  while (at < bytes.size()) {
    const uint64_t first = prev + get_varint(bytes, at);
    const uint64_t last = first + get_varint(bytes, at);
    /* ids start at 1 and ranges neither overlap nor touch */
    if (first == 0 || last > UINT32_MAX || (!r.empty() && first <= prev + 1))
      throw Xapian::DatabaseCorruptError("damaged document id set in the index metadata");
    r.emplace_back(static_cast<Xapian::docid>(first), static_cast<Xapian::docid>(last));
    prev = last;
  }
  return r;
}

DocRanges ranges_of(std::vector<Xapian::docid> &ids) {
  std::sort(ids.begin(), ids.end());
  DocRanges r;
  for (Xapian::docid id : ids) {
    if (id == 0)
      continue;
    if (!r.empty() && id <= r.back().second + 1)
      r.back().second = std::max(r.back().second, id);
    else
      r.emplace_back(id, id);
  }
  return r;
}

DocRanges unite(const DocRanges &a, const DocRanges &b) {
  DocRanges all;
  all.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
  DocRanges r;
  for (const auto &x : all) {
    if (!r.empty() && x.first <= r.back().second + 1)
      r.back().second = std::max(r.back().second, x.second);
    else
      r.push_back(x);
  }
  return r;
}

Xapian::doccount count_of(const DocRanges &r) {
  Xapian::doccount n = 0;
  for (const auto &x : r)
    n += x.second - x.first + 1;
  return n;
}

bool contains(const DocRanges &r, Xapian::docid id) {
  auto it = std::lower_bound(r.begin(), r.end(), id,
                             [](const auto &range, Xapian::docid d) { return range.second < d; });
  return it != r.end() && it->first <= id;
}

DocRanges read_sets(const Xapian::Database &db, const std::vector<std::string> &keys) {
  DocRanges all;
  for (const auto &key : keys)
    if (!key.empty())
      all = unite(all, decode_ranges(db.get_metadata(key)));
  return all;
}

void DocsetSource::init(const Xapian::Database &db) {
  ranges_ = read_sets(db, keys_);
  count_ = count_of(ranges_);
  at_ = 0;
  did_ = 0;
  started_ = false;
}

void DocsetSource::next(double) {
  if (!started_) {
    started_ = true;
    at_ = 0;
  } else if (at_ < ranges_.size() && did_ < ranges_[at_].second) {
    did_++;
    return;
  } else {
    at_++;
  }
  if (at_ < ranges_.size())
    did_ = ranges_[at_].first;
}

void DocsetSource::skip_to(Xapian::docid did, double min_wt) {
  if (!started_)
    next(min_wt);
  if (at_end() || did <= did_)
    return;
  auto it = std::lower_bound(ranges_.begin() + static_cast<std::ptrdiff_t>(at_), ranges_.end(), did,
                             [](const auto &range, Xapian::docid d) { return range.second < d; });
  at_ = static_cast<size_t>(it - ranges_.begin());
  if (at_ < ranges_.size())
    did_ = std::max(did, ranges_[at_].first);
}

} // namespace zs_shim
