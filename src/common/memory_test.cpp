// Big blocks (operator new) and ResizeFresh.
#include "common/memory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace lnob {
namespace {

bool OnHugePageBoundary(const void* p) {
  return reinterpret_cast<uintptr_t>(p) % (uintptr_t{2} << 20) == 0;
}

TEST(BigBlocks, LargeBlocksStartOnAHugePageAndAreGivenBack) {
  if (!kBigBlocks) GTEST_SKIP() << "AddressSanitizer replaces operator new";
  const size_t before = BigBlockCount();
  {
    std::vector<uint8_t> big(kBigBlock + 12345, 7);
    EXPECT_TRUE(OnHugePageBoundary(big.data()));
    EXPECT_EQ(BigBlockCount(), before + 1);
    EXPECT_EQ(big.back(), 7);
    big.back() = 9;  // the whole block is writable
    std::vector<uint8_t> small(kBigBlock - 1);
    EXPECT_EQ(BigBlockCount(), before + 1);
    std::unique_ptr<char[]> array(new char[3 * kBigBlock]);
    EXPECT_TRUE(OnHugePageBoundary(array.get()));
    EXPECT_EQ(BigBlockCount(), before + 2);
    char* quiet = new (std::nothrow) char[kBigBlock];
    ASSERT_NE(quiet, nullptr);
    EXPECT_EQ(BigBlockCount(), before + 3);
    delete[] quiet;
  }
  EXPECT_EQ(BigBlockCount(), before);
}

TEST(BigBlocks, ManyThreadsAllocateAndFreeAtOnce) {
  const size_t before = BigBlockCount();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 50; ++i) {
        std::string s(kBigBlock + static_cast<size_t>(i * 4096 + t), 'x');
        ASSERT_EQ(s[s.size() - 1], 'x');
        std::vector<int> v(1000 + i);  // small ones in between
        v[0] = i;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(BigBlockCount(), before);
}

TEST(ResizeFresh, FillsWithTheValueAndKeepsALargerCapacity) {
  std::vector<int32_t> v;
  ResizeFresh(&v, 3 * kBigBlock / sizeof(int32_t), int32_t{-1});
  EXPECT_EQ(v.front(), -1);
  EXPECT_EQ(v.back(), -1);
  const int32_t* data = v.data();
  ResizeFresh(&v, 10, int32_t{4});
  EXPECT_EQ(v.data(), data);
  EXPECT_EQ(v, std::vector<int32_t>(10, 4));
}

}  // namespace
}  // namespace lnob
