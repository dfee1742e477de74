#include "server/audit_writer.hpp"

#include <utility>
#include <vector>

namespace lnob::server {

std::unique_ptr<AuditWriter> AuditWriter::Start(std::unique_ptr<store::Store> store) {
  std::unique_ptr<AuditWriter> w(new AuditWriter(std::move(store)));
  w->thread_ = std::thread([p = w.get()] { p->Run(); });
  return w;
}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

AuditWriter::Ticket AuditWriter::Submit(store::AuditEntry entry, std::string at) {
  Pending p{std::move(entry), std::move(at), {}};
  std::future<Status> f = p.done.get_future();
  if (p.at.empty() || p.entry.actor.empty() || p.entry.action.empty()) {
    p.done.set_value(InvalidArgument("an audit entry needs a time, an actor and an action"));
    return Ticket(std::move(f));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(p));
  }
  wake_.notify_one();
  return Ticket(std::move(f));
}

int64_t AuditWriter::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

int64_t AuditWriter::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_;
}

void AuditWriter::Run() {
  std::vector<Pending> batch;
  std::vector<std::pair<store::AuditEntry, std::string>> rows;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is written
      // Everything that arrived while the previous commit ran goes into this one.
      for (Pending& p : queue_) batch.push_back(std::move(p));
      queue_.clear();
    }
    rows.clear();
    for (const Pending& p : batch) rows.emplace_back(p.entry, p.at);
    Result<int64_t> last = store_->AppendAuditBatch(rows);
    Status status = last.ok() ? OkStatus() : last.status();
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (status.ok()) {
        ++commits_;
        entries_ += static_cast<int64_t>(batch.size());
      }
    }
    for (Pending& p : batch) p.done.set_value(status);
    batch.clear();
  }
}

}  // namespace lnob::server
