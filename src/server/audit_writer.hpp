// The audit trail's single writer (group commit). Requests hand their entries to one thread, which
// appends every entry waiting at that moment in one transaction (one durable commit for the lot,
// in arrival order, the hash chain unbroken) and then wakes each request: a request answers only
// once its entry is on disk, so a read of personal data is never answered unrecorded, and the
// requests no longer queue for the database's write lock one commit at a time.
//
//   ASSIGN_OR_RETURN(auto writer, AuditWriter::Start(std::move(store)));
//   AuditWriter::Ticket t = writer->Submit(entry, IsoUtc(now));   // queued
//   ... render the answer ...
//   RETURN_IF_ERROR(t.Wait());   // OK once committed; the error of the commit otherwise
//
// A failed commit fails every entry of its batch (nothing of it is written). The destructor
// writes what is queued, then stops.
// Thread-safety: Submit and Ticket::Wait may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/store.hpp"

namespace lnob::server {

class AuditWriter {
 public:
  class Ticket {
   public:
    explicit Ticket(std::future<Status> f) : done_(std::move(f)) {}
    // Blocks until the entry is committed; its status.
    Status Wait() { return done_.get(); }

   private:
    std::future<Status> done_;
  };

  // Starts the writing thread on its own connection `store`.
  static std::unique_ptr<AuditWriter> Start(std::unique_ptr<store::Store> store);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues `entry` dated `at` (UTC ISO). InvalidArgument at once (through the ticket) when it
  // lacks a time, an actor or an action.
  Ticket Submit(store::AuditEntry entry, std::string at);
  // Submit and Wait.
  Status Append(store::AuditEntry entry, std::string at) {
    return Submit(std::move(entry), std::move(at)).Wait();
  }

  // Commits made and entries written so far (for tests and benchmarks).
  int64_t commits() const;
  int64_t entries() const;

 private:
  explicit AuditWriter(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}
  void Run();

  struct Pending {
    store::AuditEntry entry;
    std::string at;
    std::promise<Status> done;
  };
  std::unique_ptr<store::Store> store_;  // used by the writing thread only
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  int64_t commits_ = 0, entries_ = 0;
  std::thread thread_;
};

}  // namespace lnob::server
