# Short verbs. Everything real lives in CMake and scripts/.
.PHONY: setup build debug test run bench format clean

JOBS ?= 2
RELEASE := build/release
DEBUG := build/debug

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS)

debug: setup
	@cmake -S . -B $(DEBUG) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLNOB_SANITIZE=ON >/dev/null
	@cmake --build $(DEBUG) -j $(JOBS)

# All tests: the release build, then the unit tests again under AddressSanitizer and UBSan, both
# against a throwaway PostgreSQL that scripts/test starts and always stops.
test: build debug
	@JOBS=$(JOBS) scripts/test $(RELEASE) $(DEBUG)

run: build
	@scripts/run

bench: build
	@bench/run

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build
