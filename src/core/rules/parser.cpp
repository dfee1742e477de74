#include <cctype>
#include <string_view>

#include "core/rules/ast.hpp"

namespace lnob::core::rules {
namespace {

enum class Tok { kEnd, kInt, kReal, kString, kName, kOp, kLParen, kRParen, kLBracket, kRBracket,
                 kComma };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  int64_t int_value = 0;
  double real_value = 0;
  TextPos pos;
};

class Parser {
 public:
  explicit Parser(std::string_view src) : src_(src) {}

  Result<ExprPtr> Parse() {
    if (!Advance()) return Fail();
    auto e = ParseOr();
    if (!e) return Fail();
    if (tok_.kind != Tok::kEnd) return Fail("an operator or the end of the expression");
    return e;
  }

  TextPos error_pos() const { return error_pos_; }

 private:
  // ---- lexer ----
  bool Advance() {
    SkipSpace();
    tok_ = Token{};
    tok_.pos = pos_;
    if (i_ >= src_.size()) return true;
    char c = src_[i_];
    if (std::isdigit(static_cast<unsigned char>(c))) return LexNumber();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i_;
      while (i_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[i_])) ||
                                  src_[i_] == '_' || src_[i_] == '.')) {
        Step();
      }
      tok_.kind = Tok::kName;
      tok_.text = std::string(src_.substr(start, i_ - start));
      return true;
    }
    if (c == '"' || c == '\'') return LexString(c);
    Step();
    switch (c) {
      case '(': tok_.kind = Tok::kLParen; return true;
      case ')': tok_.kind = Tok::kRParen; return true;
      case '[': tok_.kind = Tok::kLBracket; return true;
      case ']': tok_.kind = Tok::kRBracket; return true;
      case ',': tok_.kind = Tok::kComma; return true;
      case '+': case '-': case '*': case '/':
        tok_.kind = Tok::kOp;
        tok_.text = std::string(1, c);
        return true;
      case '<': case '>': case '=': case '!': {
        tok_.kind = Tok::kOp;
        tok_.text = std::string(1, c);
        if (i_ < src_.size() && src_[i_] == '=') {
          Step();
          tok_.text += '=';
        }
        if (tok_.text == "=" || tok_.text == "!") {
          message_ = tok_.text == "=" ? "'=' is not an operator; write '==' to compare"
                                      : "'!' is not an operator; write 'not' or '!='";
          error_pos_ = tok_.pos;
          return false;
        }
        return true;
      }
      default:
        error_pos_ = tok_.pos;
        message_ = std::string("unexpected character '") + c + "'";
        return false;
    }
  }

  void Step() {
    if (src_[i_] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((static_cast<unsigned char>(src_[i_]) & 0xC0) != 0x80) {
      ++pos_.column;
    }
    ++i_;
  }

  void SkipSpace() {
    while (i_ < src_.size()) {
      char c = src_[i_];
      if (c == '#') {
        while (i_ < src_.size() && src_[i_] != '\n') Step();
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        Step();
      } else {
        break;
      }
    }
  }

  bool LexNumber() {
    std::string digits;
    bool real = false;
    while (i_ < src_.size()) {
      char c = src_[i_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits += c;
      } else if (c == '_' && i_ + 1 < src_.size() &&
                 std::isdigit(static_cast<unsigned char>(src_[i_ + 1]))) {
        // digit separator
      } else if (c == '.' && !real && i_ + 1 < src_.size() &&
                 std::isdigit(static_cast<unsigned char>(src_[i_ + 1]))) {
        real = true;
        digits += c;
      } else {
        break;
      }
      Step();
    }
    tok_.text = digits;
    if (real) {
      tok_.kind = Tok::kReal;
      tok_.real_value = std::stod(digits);
    } else {
      if (digits.size() > 18) {
        error_pos_ = tok_.pos;
        message_ = "the number " + digits + " is too large";
        return false;
      }
      tok_.kind = Tok::kInt;
      tok_.int_value = std::stoll(digits);
    }
    return true;
  }

  bool LexString(char quote) {
    Step();
    size_t start = i_;
    while (i_ < src_.size() && src_[i_] != quote && src_[i_] != '\n') Step();
    if (i_ >= src_.size() || src_[i_] != quote) {
      error_pos_ = tok_.pos;
      message_ = "a text value is not closed: add the closing quote";
      return false;
    }
    tok_.kind = Tok::kString;
    tok_.text = std::string(src_.substr(start, i_ - start));
    Step();
    return true;
  }

  // ---- parser ----
  static ExprPtr Make(Expr::Kind kind, TextPos pos, std::string text = {}) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos;
    e->text = std::move(text);
    return e;
  }

  bool IsName(std::string_view word) const { return tok_.kind == Tok::kName && tok_.text == word; }
  bool IsOp(std::string_view op) const { return tok_.kind == Tok::kOp && tok_.text == op; }

  ExprPtr Binary(ExprPtr lhs, std::string op, TextPos pos, ExprPtr rhs) {
    if (!rhs) return nullptr;
    auto e = Make(Expr::Kind::kBinary, pos, std::move(op));
    e->args.push_back(std::move(lhs));
    e->args.push_back(std::move(rhs));
    return e;
  }

  ExprPtr ParseOr() {
    auto lhs = ParseAnd();
    while (lhs && IsName("or")) {
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      lhs = Binary(std::move(lhs), "or", p, ParseAnd());
    }
    return lhs;
  }

  ExprPtr ParseAnd() {
    auto lhs = ParseNot();
    while (lhs && IsName("and")) {
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      lhs = Binary(std::move(lhs), "and", p, ParseNot());
    }
    return lhs;
  }

  ExprPtr ParseNot() {
    if (IsName("not")) {
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      auto operand = ParseNot();
      if (!operand) return nullptr;
      auto e = Make(Expr::Kind::kUnary, p, "not");
      e->args.push_back(std::move(operand));
      return e;
    }
    return ParseCompare();
  }

  ExprPtr ParseCompare() {
    auto lhs = ParseSum();
    if (!lhs) return nullptr;
    if (tok_.kind == Tok::kOp && tok_.text != "+" && tok_.text != "-" && tok_.text != "*" &&
        tok_.text != "/") {
      std::string op = tok_.text;
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      return Binary(std::move(lhs), op, p, ParseSum());
    }
    bool negated = false;
    TextPos p = tok_.pos;
    if (IsName("not")) {
      negated = true;
      if (!Advance()) return nullptr;
      if (!IsName("in")) return Expected("'in' after 'not'");
    }
    if (!IsName("in")) return lhs;
    if (!Advance()) return nullptr;
    if (tok_.kind != Tok::kLBracket) return Expected("'[' opening the list of values");
    auto e = Make(Expr::Kind::kIn, p, negated ? "not in" : "in");
    e->negated = negated;
    e->args.push_back(std::move(lhs));
    do {
      if (!Advance()) return nullptr;
      if (tok_.kind == Tok::kString) {
        e->args.push_back(Make(Expr::Kind::kString, tok_.pos, tok_.text));
      } else if (tok_.kind == Tok::kInt) {
        auto v = Make(Expr::Kind::kInt, tok_.pos, tok_.text);
        v->int_value = tok_.int_value;
        e->args.push_back(std::move(v));
      } else {
        return Expected("a value (\"text\" or a whole number) in the list");
      }
      if (!Advance()) return nullptr;
    } while (tok_.kind == Tok::kComma);
    if (tok_.kind != Tok::kRBracket) return Expected("',' or ']' in the list of values");
    if (!Advance()) return nullptr;
    return e;
  }

  ExprPtr ParseSum() {
    auto lhs = ParseProduct();
    while (lhs && (IsOp("+") || IsOp("-"))) {
      std::string op = tok_.text;
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      lhs = Binary(std::move(lhs), op, p, ParseProduct());
    }
    return lhs;
  }

  ExprPtr ParseProduct() {
    auto lhs = ParseUnary();
    while (lhs && (IsOp("*") || IsOp("/"))) {
      std::string op = tok_.text;
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      lhs = Binary(std::move(lhs), op, p, ParseUnary());
    }
    return lhs;
  }

  ExprPtr ParseUnary() {
    if (IsOp("-")) {
      TextPos p = tok_.pos;
      if (!Advance()) return nullptr;
      auto operand = ParseUnary();
      if (!operand) return nullptr;
      auto e = Make(Expr::Kind::kUnary, p, "-");
      e->args.push_back(std::move(operand));
      return e;
    }
    return ParseAtom();
  }

  ExprPtr ParseAtom() {
    Token t = tok_;
    switch (t.kind) {
      case Tok::kInt: {
        auto e = Make(Expr::Kind::kInt, t.pos, t.text);
        e->int_value = t.int_value;
        return Advance() ? std::move(e) : nullptr;
      }
      case Tok::kReal: {
        auto e = Make(Expr::Kind::kReal, t.pos, t.text);
        e->real_value = t.real_value;
        return Advance() ? std::move(e) : nullptr;
      }
      case Tok::kString: {
        auto e = Make(Expr::Kind::kString, t.pos, t.text);
        return Advance() ? std::move(e) : nullptr;
      }
      case Tok::kLParen: {
        if (!Advance()) return nullptr;
        auto e = ParseOr();
        if (!e) return nullptr;
        if (tok_.kind != Tok::kRParen) return Expected("')'");
        return Advance() ? std::move(e) : nullptr;
      }
      case Tok::kName: {
        if (t.text == "true" || t.text == "false") {
          auto e = Make(Expr::Kind::kBool, t.pos, t.text);
          e->int_value = t.text == "true";
          return Advance() ? std::move(e) : nullptr;
        }
        if (t.text == "and" || t.text == "or" || t.text == "in" || t.text == "not") {
          return Expected("a value");
        }
        if (!Advance()) return nullptr;
        if (tok_.kind != Tok::kLParen) return Make(Expr::Kind::kName, t.pos, t.text);
        auto call = Make(Expr::Kind::kCall, t.pos, t.text);
        if (!Advance()) return nullptr;
        if (tok_.kind != Tok::kRParen) {
          while (true) {
            auto arg = ParseOr();
            if (!arg) return nullptr;
            call->args.push_back(std::move(arg));
            if (tok_.kind == Tok::kRParen) break;
            if (tok_.kind != Tok::kComma) return Expected("',' or ')' in the call");
            if (!Advance()) return nullptr;
          }
        }
        return Advance() ? std::move(call) : nullptr;
      }
      default:
        return Expected("a value");
    }
  }

  ExprPtr Expected(std::string what) {
    error_pos_ = tok_.pos;
    message_ = "expected " + what + ", found " + Describe(tok_);
    return nullptr;
  }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd: return "the end of the expression";
      case Tok::kString: return "\"" + t.text + "\"";
      case Tok::kLParen: return "'('";
      case Tok::kRParen: return "')'";
      case Tok::kLBracket: return "'['";
      case Tok::kRBracket: return "']'";
      case Tok::kComma: return "','";
      default: return "'" + t.text + "'";
    }
  }

  Status Fail(std::string what = {}) {
    if (!what.empty()) Expected(std::move(what));
    return InvalidArgument("line " + std::to_string(error_pos_.line) + ", column " +
                           std::to_string(error_pos_.column) + ": " + message_);
  }

  std::string_view src_;
  size_t i_ = 0;
  TextPos pos_;
  Token tok_;
  TextPos error_pos_;
  std::string message_;
};

}  // namespace

Result<ExprPtr> ParseExpression(std::string_view text, TextPos* error_pos) {
  Parser parser(text);
  auto result = parser.Parse();
  if (!result.ok() && error_pos) *error_pos = parser.error_pos();
  return result;
}

}  // namespace lnob::core::rules
