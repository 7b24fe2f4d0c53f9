//===- GeluRaise.cpp - Recognize GELU written out by frontends --*- C++ -*-===//
//
// Finds GELU written out as arithmetic, the way frontends emit it, and
// replaces it with gelu.gelu:
//
//   exact:   0.5 x (1 + erf(x / sqrt2)),  0.5 x erfc(-x / sqrt2),  x Phi(x)
//   tanh:    0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
//   sigmoid: x sigmoid(1.702 x),  x / (1 + exp(-1.702 x))   (QuickGELU)
//
// in arith/math on scalars, vectors and tensors (linalg.generic bodies
// included, where the raised gelu.gelu is scalar) and in TOSA on tensors.
//
// The matcher does not enumerate spellings. It splits the candidate root
// into a constant times a product of factors (through multiplications,
// divisions by constants and negations), picks one factor as x, and reads
// the other as A + B f(p(x)) with f in {erf, erfc, tanh} and p a polynomial
// in x (x*x*x, powf(x, 3), fpowi(x, 3), the GPT-2 and PyTorch orderings and
// folded constants all read as the same polynomial). The constants are then
// compared with the formula's within a relative tolerance.
//
// The rule for shared intermediates: a GELU is raised only if every
// operation inside it (between the root and x) is used only inside it. When
// the erf, the 0.5 x or any other intermediate has another user, the
// arithmetic is left as written, so that no other user sees a different
// value and no work is duplicated.
//
//===----------------------------------------------------------------------===//

#include "gelu/Dialect/Gelu/IR/GeluOps.h"
#include "gelu/Dialect/Gelu/Transforms/Passes.h"
#include "gelu/Dialect/Gelu/Transforms/Transforms.h"
#include "gelu/Dialect/Gelu/Utils/GeluUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <cmath>
#include <optional>

namespace mlir::gelu {
#define GEN_PASS_DEF_GELURAISEPASS
#include "gelu/Dialect/Gelu/Transforms/Passes.h.inc"
} // namespace mlir::gelu

using namespace mlir;
using namespace mlir::gelu;

namespace {

//===----------------------------------------------------------------------===//
// Reading arith, math and tosa alike
//===----------------------------------------------------------------------===//

enum class Kind {
  Mul,
  Div,
  Add,
  Sub,
  Neg,
  Erf,
  Erfc,
  Tanh,
  Exp,
  Sigmoid,
  Reciprocal,
  Pow,
  Other
};

/// The operation defining `v`, seen as one of the kinds the matcher knows,
/// with its float operands (TOSA's shift and zero-point operands dropped).
struct Node {
  Kind kind = Kind::Other;
  Operation *op = nullptr;
  SmallVector<Value, 2> operands;
  /// For Pow: the exponent when it is an integer operand (math.fpowi).
  Value integerExponent;
};

Node classify(Value v) {
  Node node;
  Operation *op = v.getDefiningOp();
  if (!op || op->getNumResults() != 1)
    return node;
  node.op = op;
  auto set = [&](Kind kind, ValueRange operands) {
    node.kind = kind;
    node.operands.assign(operands.begin(), operands.end());
    return node;
  };
  if (auto mul = dyn_cast<arith::MulFOp>(op))
    return set(Kind::Mul, {mul.getLhs(), mul.getRhs()});
  if (auto mul = dyn_cast<tosa::MulOp>(op))
    return set(Kind::Mul, {mul.getInput1(), mul.getInput2()});
  if (auto div = dyn_cast<arith::DivFOp>(op))
    return set(Kind::Div, {div.getLhs(), div.getRhs()});
  if (auto add = dyn_cast<arith::AddFOp>(op))
    return set(Kind::Add, {add.getLhs(), add.getRhs()});
  if (auto add = dyn_cast<tosa::AddOp>(op))
    return set(Kind::Add, {add.getInput1(), add.getInput2()});
  if (auto sub = dyn_cast<arith::SubFOp>(op))
    return set(Kind::Sub, {sub.getLhs(), sub.getRhs()});
  if (auto sub = dyn_cast<tosa::SubOp>(op))
    return set(Kind::Sub, {sub.getInput1(), sub.getInput2()});
  if (auto neg = dyn_cast<arith::NegFOp>(op))
    return set(Kind::Neg, {neg.getOperand()});
  if (auto neg = dyn_cast<tosa::NegateOp>(op))
    return set(Kind::Neg, {neg.getInput1()});
  if (auto erf = dyn_cast<math::ErfOp>(op))
    return set(Kind::Erf, {erf.getOperand()});
  if (auto erf = dyn_cast<tosa::ErfOp>(op))
    return set(Kind::Erf, {erf.getInput()});
  if (auto erfc = dyn_cast<math::ErfcOp>(op))
    return set(Kind::Erfc, {erfc.getOperand()});
  if (auto tanh = dyn_cast<math::TanhOp>(op))
    return set(Kind::Tanh, {tanh.getOperand()});
  if (auto tanh = dyn_cast<tosa::TanhOp>(op))
    return set(Kind::Tanh, {tanh.getInput()});
  if (auto exp = dyn_cast<math::ExpOp>(op))
    return set(Kind::Exp, {exp.getOperand()});
  if (auto exp = dyn_cast<tosa::ExpOp>(op))
    return set(Kind::Exp, {exp.getInput1()});
  if (auto sigmoid = dyn_cast<tosa::SigmoidOp>(op))
    return set(Kind::Sigmoid, {sigmoid.getInput()});
  if (auto reciprocal = dyn_cast<tosa::ReciprocalOp>(op))
    return set(Kind::Reciprocal, {reciprocal.getInput1()});
  if (auto pow = dyn_cast<math::PowFOp>(op))
    return set(Kind::Pow, {pow.getLhs(), pow.getRhs()});
  if (auto pow = dyn_cast<tosa::PowOp>(op))
    return set(Kind::Pow, {pow.getInput1(), pow.getInput2()});
  if (auto pow = dyn_cast<math::FPowIOp>(op)) {
    set(Kind::Pow, {pow.getLhs()});
    node.integerExponent = pow.getRhs();
    return node;
  }
  return node;
}

/// The value of `v` when it is a float constant (a scalar, or a splat of
/// any shape; arith or tosa), or a constant expression of those (frontends
/// write sqrt(2.0), 1/sqrt(2), ...).
std::optional<double> evaluateConstant(Value v, unsigned depth = 0) {
  if (depth > 8)
    return std::nullopt;
  Attribute attr;
  if (matchPattern(v, m_Constant(&attr))) {
    if (auto f = dyn_cast<FloatAttr>(attr))
      return f.getValueAsDouble();
    if (auto i = dyn_cast<IntegerAttr>(attr))
      return static_cast<double>(i.getValue().getSExtValue());
    if (auto dense = dyn_cast<DenseElementsAttr>(attr);
        dense && dense.isSplat()) {
      if (isa<FloatType>(dense.getElementType()))
        return dense.getSplatValue<APFloat>().convertToDouble();
      if (isa<IntegerType>(dense.getElementType()))
        return static_cast<double>(dense.getSplatValue<APInt>().getSExtValue());
    }
    return std::nullopt;
  }
  Operation *op = v.getDefiningOp();
  if (!op)
    return std::nullopt;
  auto operand = [&](unsigned i) {
    return evaluateConstant(op->getOperand(i), depth + 1);
  };
  if (isa<math::SqrtOp, math::RsqrtOp, arith::NegFOp, arith::ExtFOp,
          arith::TruncFOp>(op)) {
    std::optional<double> a = operand(0);
    if (!a)
      return std::nullopt;
    if (isa<math::SqrtOp>(op))
      return std::sqrt(*a);
    if (isa<math::RsqrtOp>(op))
      return 1.0 / std::sqrt(*a);
    if (isa<arith::NegFOp>(op))
      return -*a;
    return *a;
  }
  if (isa<arith::MulFOp, arith::DivFOp, arith::AddFOp, arith::SubFOp>(op)) {
    std::optional<double> a = operand(0), b = operand(1);
    if (!a || !b)
      return std::nullopt;
    if (isa<arith::MulFOp>(op))
      return *a * *b;
    if (isa<arith::DivFOp>(op))
      return *a / *b;
    if (isa<arith::AddFOp>(op))
      return *a + *b;
    return *a - *b;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Reading expressions
//===----------------------------------------------------------------------===//

/// What a candidate covers: the operations between the root and x, which must
/// have no users outside it.
using Interior = llvm::SmallPtrSet<Operation *, 16>;

/// A polynomial in x of degree at most 3.
struct Polynomial {
  double c[4] = {0, 0, 0, 0};
};

std::optional<Polynomial> multiply(const Polynomial &a, const Polynomial &b) {
  Polynomial r;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      if (a.c[i] == 0 || b.c[j] == 0)
        continue;
      if (i + j > 3)
        return std::nullopt;
      r.c[i + j] += a.c[i] * b.c[j];
    }
  return r;
}

/// `v` as a polynomial in `x` built from +, -, *, / by constants, negation
/// and integer powers; the operations read are added to `interior`.
std::optional<Polynomial> readPolynomial(Value v, Value x, Interior &interior,
                                         unsigned depth = 0) {
  if (depth > 16)
    return std::nullopt;
  if (v == x) {
    Polynomial p;
    p.c[1] = 1;
    return p;
  }
  if (std::optional<double> c = evaluateConstant(v)) {
    Polynomial p;
    p.c[0] = *c;
    return p;
  }
  Node node = classify(v);
  auto read = [&](Value operand) {
    return readPolynomial(operand, x, interior, depth + 1);
  };
  std::optional<Polynomial> result;
  switch (node.kind) {
  case Kind::Mul: {
    auto a = read(node.operands[0]), b = read(node.operands[1]);
    if (a && b)
      result = multiply(*a, *b);
    break;
  }
  case Kind::Add:
  case Kind::Sub: {
    auto a = read(node.operands[0]), b = read(node.operands[1]);
    if (a && b) {
      result = Polynomial();
      double sign = node.kind == Kind::Add ? 1 : -1;
      for (int i = 0; i < 4; ++i)
        result->c[i] = a->c[i] + sign * b->c[i];
    }
    break;
  }
  case Kind::Neg:
    if (auto a = read(node.operands[0])) {
      result = *a;
      for (double &c : result->c)
        c = -c;
    }
    break;
  case Kind::Div:
    if (auto divisor = evaluateConstant(node.operands[1]))
      if (auto a = read(node.operands[0])) {
        result = *a;
        for (double &c : result->c)
          c /= *divisor;
      }
    break;
  case Kind::Pow: {
    std::optional<double> exponent =
        node.integerExponent ? evaluateConstant(node.integerExponent)
                             : evaluateConstant(node.operands[1]);
    auto base = read(node.operands[0]);
    if (!exponent || !base || *exponent != std::floor(*exponent) ||
        *exponent < 1 || *exponent > 3)
      break;
    result = *base;
    for (int i = 1; i < static_cast<int>(*exponent) && result; ++i)
      result = multiply(*result, *base);
    break;
  }
  default:
    break;
  }
  if (result)
    interior.insert(node.op);
  return result;
}

/// `v` = constant * product of factors, through multiplications, divisions
/// by constants and negations. Factors that are reciprocals (the divisor of
/// a division by a non-constant, tosa.reciprocal) are listed apart.
struct Product {
  double constant = 1;
  SmallVector<Value> factors;
  SmallVector<Value> divisors;
};

void readProduct(Value v, Product &product, Interior &interior,
                 unsigned depth = 0) {
  if (std::optional<double> c = evaluateConstant(v)) {
    product.constant *= *c;
    return;
  }
  Node node = classify(v);
  if (depth < 16) {
    switch (node.kind) {
    case Kind::Mul:
      interior.insert(node.op);
      readProduct(node.operands[0], product, interior, depth + 1);
      readProduct(node.operands[1], product, interior, depth + 1);
      return;
    case Kind::Neg:
      interior.insert(node.op);
      product.constant = -product.constant;
      readProduct(node.operands[0], product, interior, depth + 1);
      return;
    case Kind::Div:
      interior.insert(node.op);
      readProduct(node.operands[0], product, interior, depth + 1);
      if (std::optional<double> c = evaluateConstant(node.operands[1]))
        product.constant /= *c;
      else
        product.divisors.push_back(node.operands[1]);
      return;
    case Kind::Reciprocal:
      interior.insert(node.op);
      product.divisors.push_back(node.operands[0]);
      return;
    default:
      break;
    }
  }
  product.factors.push_back(v);
}

/// `v` = A + B f(t), f one of erf, erfc, tanh (B f(t) may itself be a product
/// with constants, and A may be absent).
struct Affine {
  double a = 0, b = 1;
  Kind function = Kind::Other;
  Value argument;
};

std::optional<Affine> readAffineOfFunction(Value v, Interior &interior) {
  auto readTerm = [&](Value term, double sign,
                      Interior &inner) -> std::optional<Affine> {
    Product product;
    readProduct(term, product, inner);
    if (product.factors.size() != 1 || !product.divisors.empty())
      return std::nullopt;
    Node f = classify(product.factors[0]);
    if (f.kind != Kind::Erf && f.kind != Kind::Erfc && f.kind != Kind::Tanh)
      return std::nullopt;
    inner.insert(f.op);
    Affine affine;
    affine.b = sign * product.constant;
    affine.function = f.kind;
    affine.argument = f.operands[0];
    return affine;
  };
  Node node = classify(v);
  if (node.kind == Kind::Add || node.kind == Kind::Sub) {
    for (unsigned constantSide : {0u, 1u}) {
      std::optional<double> c = evaluateConstant(node.operands[constantSide]);
      if (!c)
        continue;
      // A + term, term + A, A - term, term - A.
      double termSign =
          (node.kind == Kind::Sub && constantSide == 0) ? -1.0 : 1.0;
      double constantSign =
          (node.kind == Kind::Sub && constantSide == 1) ? -1.0 : 1.0;
      Interior inner;
      if (auto affine =
              readTerm(node.operands[1 - constantSide], termSign, inner)) {
        affine->a = constantSign * *c;
        interior.insert(node.op);
        interior.insert(inner.begin(), inner.end());
        return affine;
      }
    }
    return std::nullopt;
  }
  Interior inner;
  if (auto affine = readTerm(v, 1.0, inner)) {
    interior.insert(inner.begin(), inner.end());
    return affine;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

/// Recognizes the GELU formulas around one candidate root.
struct GeluMatcher {
  /// Relative tolerance on the formulas' constants.
  double tolerance;

  bool near(double value, double expected) const {
    return std::fabs(value - expected) <= tolerance * std::fabs(expected);
  }

  /// Which GELU `factor` (times `constant`) is, as a function of `x`.
  std::optional<Approximation> classifyPhi(Value factor, Value x,
                                           double constant,
                                           Interior &interior) const {
    Interior inner;
    std::optional<Affine> affine = readAffineOfFunction(factor, inner);
    if (!affine)
      return std::nullopt;
    std::optional<Polynomial> p = readPolynomial(affine->argument, x, inner);
    if (!p || p->c[0] != 0 || p->c[2] != 0)
      return std::nullopt;
    double a = constant * affine->a, b = constant * affine->b;
    double linear = p->c[1], cubic = p->c[3];
    std::optional<Approximation> result;
    switch (affine->function) {
    case Kind::Erf:
      // Phi(x) = 1/2 + 1/2 erf(x/sqrt2); erf is odd.
      if (cubic == 0 && near(std::fabs(linear), M_SQRT1_2) && near(a, 0.5) &&
          near(std::copysign(b, linear), 0.5))
        result = Approximation::exact;
      break;
    case Kind::Erfc:
      // Phi(x) = 1/2 erfc(-x/sqrt2) = 1 - 1/2 erfc(x/sqrt2).
      if (cubic == 0 && near(std::fabs(linear), M_SQRT1_2) &&
          ((linear < 0 && a == 0 && near(b, 0.5)) ||
           (linear > 0 && near(a, 1.0) && near(b, -0.5))))
        result = Approximation::exact;
      break;
    case Kind::Tanh:
      // 1/2 + 1/2 tanh(sqrt(2/pi) (x + 0.044715 x^3)); tanh is odd.
      if (near(std::fabs(linear), kSqrt2OverPi) &&
          near(cubic / linear, kGeluTanhCubicCoefficient) && near(a, 0.5) &&
          near(std::copysign(b, linear), 0.5))
        result = Approximation::tanh;
      break;
    default:
      break;
    }
    if (result)
      interior.insert(inner.begin(), inner.end());
    return result;
  }

  /// Whether `v` is 1 + exp(-1.702 x) (the QuickGELU denominator).
  bool isQuickGeluDenominator(Value v, Value x, Interior &interior) const {
    Node add = classify(v);
    if (add.kind != Kind::Add)
      return false;
    for (unsigned side : {0u, 1u}) {
      std::optional<double> one = evaluateConstant(add.operands[side]);
      Node exp = classify(add.operands[1 - side]);
      if (!one || !near(*one, 1.0) || exp.kind != Kind::Exp)
        continue;
      Interior inner;
      std::optional<Polynomial> p = readPolynomial(exp.operands[0], x, inner);
      if (!p || p->c[0] != 0 || p->c[2] != 0 || p->c[3] != 0 ||
          !near(p->c[1], -kQuickGeluScale))
        continue;
      interior.insert(add.op);
      interior.insert(exp.op);
      interior.insert(inner.begin(), inner.end());
      return true;
    }
    return false;
  }

  /// Whether `v` is sigmoid(1.702 x): tosa.sigmoid, or 1 / (1 + exp(-1.702x))
  /// written as a division or a tosa.reciprocal.
  bool isQuickGeluSigmoid(Value v, Value x, Interior &interior) const {
    Node node = classify(v);
    if (node.kind == Kind::Sigmoid) {
      Interior inner;
      std::optional<Polynomial> p = readPolynomial(node.operands[0], x, inner);
      if (!p || p->c[0] != 0 || p->c[2] != 0 || p->c[3] != 0 ||
          !near(p->c[1], kQuickGeluScale))
        return false;
      interior.insert(node.op);
      interior.insert(inner.begin(), inner.end());
      return true;
    }
    Interior inner;
    Product product;
    readProduct(v, product, inner);
    if (!product.factors.empty() || product.divisors.size() != 1 ||
        !near(product.constant, 1.0) ||
        !isQuickGeluDenominator(product.divisors[0], x, inner))
      return false;
    interior.insert(inner.begin(), inner.end());
    return true;
  }

  std::optional<Approximation> match(Operation *root, Value &x,
                                     Interior &interior) const {
    Product product;
    Interior outer;
    readProduct(root->getResult(0), product, outer);
    // Every candidate GELU is x times something of x.
    for (Value candidate : product.factors) {
      Interior inner = outer;
      SmallVector<Value> others;
      for (Value f : product.factors)
        if (f != candidate)
          others.push_back(f);
      // Repeated x (x * x * ...) is not GELU.
      if (others.size() + 1 != product.factors.size())
        continue;
      std::optional<Approximation> found;
      if (others.size() == 1 && product.divisors.empty())
        found = classifyPhi(others[0], candidate, product.constant, inner);
      if (!found && others.size() == 1 && product.divisors.empty() &&
          near(product.constant, 1.0) &&
          isQuickGeluSigmoid(others[0], candidate, inner))
        found = Approximation::sigmoid;
      if (!found && others.empty() && product.divisors.size() == 1 &&
          near(product.constant, 1.0) &&
          isQuickGeluDenominator(product.divisors[0], candidate, inner))
        found = Approximation::sigmoid;
      if (found) {
        x = candidate;
        interior = std::move(inner);
        return found;
      }
    }
    return std::nullopt;
  }
};

struct RaiseGelu final : RewritePattern {
  RaiseGelu(MLIRContext *context, double tolerance)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        tolerance(tolerance) {}

  double tolerance;

  LogicalResult matchAndRewrite(Operation *root,
                                PatternRewriter &rewriter) const override {
    Node node =
        classify(root->getNumResults() == 1 ? root->getResult(0) : Value());
    if (node.kind != Kind::Mul && node.kind != Kind::Div)
      return failure();
    Type type = root->getResult(0).getType();
    auto elementType = dyn_cast<FloatType>(getElementTypeOrSelf(type));
    if (!elementType || !(elementType.isF16() || elementType.isBF16() ||
                          elementType.isF32() || elementType.isF64()))
      return failure();

    // The option's tolerance, or the rounding error of a literal of the
    // element type when that is larger (bf16 holds 1.702 as 1.703125).
    GeluMatcher matcher{std::max(
        tolerance,
        std::ldexp(1.0, -static_cast<int>(elementType.getFPMantissaWidth())))};
    Value x;
    Interior interior;
    std::optional<Approximation> approximation =
        matcher.match(root, x, interior);
    if (!approximation)
      return rewriter.notifyMatchFailure(root, "not a GELU");
    if (x.getType() != type)
      return rewriter.notifyMatchFailure(root,
                                         "x and the result differ in type");
    // Shared intermediates: leave the arithmetic as written.
    for (Operation *op : interior)
      if (op != root)
        for (Operation *user : op->getUsers())
          if (!interior.contains(user))
            return rewriter.notifyMatchFailure(
                root, "an intermediate of the GELU has another user");
    rewriter.replaceOpWithNewOp<GeluOp>(
        root, x, ApproximationAttr::get(rewriter.getContext(), *approximation),
        arith::FastMathFlagsAttr::get(rewriter.getContext(),
                                      arith::FastMathFlags::none));
    return success();
  }
};

} // namespace

void mlir::gelu::populateGeluRaisePatterns(RewritePatternSet &patterns,
                                           double tolerance) {
  patterns.add<RaiseGelu>(patterns.getContext(), tolerance);
}

//===----------------------------------------------------------------------===//
// GeluRaisePass
//===----------------------------------------------------------------------===//

namespace {
struct GeluRaisePass final
    : mlir::gelu::impl::GeluRaisePassBase<GeluRaisePass> {
  using GeluRaisePassBase::GeluRaisePassBase;

  void runOnOperation() override {
    if (!(tolerance >= 0 && tolerance < 0.01)) {
      getOperation()->emitError("gelu-raise: tolerance must be in [0, 0.01)");
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateGeluRaisePatterns(patterns, tolerance);
    FailureOr<GeluOpCounts> counts =
        applyPatternsCountingGeluOps(getOperation(), std::move(patterns));
    if (failed(counts))
      return signalPassFailure();
    numRaised += counts->after - counts->before;
  }
};
} // namespace
