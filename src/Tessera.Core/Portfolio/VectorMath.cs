using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Core.Portfolio;

/// <summary>
/// SIMD kernels (System.Numerics.Vector, 4 doubles per lane on AVX2) for the dense inner loops of
/// the estimators and solvers: dot products and y += a x. Results can differ from a scalar loop in
/// the last bits because the summation order differs; tests use tolerances accordingly.
/// </summary>
internal static class VectorMath
{
    // AggressiveOptimization on the kernels: a short process (one backtest, one allocation) calls them too few times for
    // tiered compilation to promote them, so they would run as instrumented Tier0 code; the arithmetic is the same.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc = Vector<double>.Zero;
            for (var k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// Four dot products against one shared vector, each summed exactly as <see cref="Dot"/> sums it (same lanes, same
    /// order, same tail), so the results are bit-identical to four <see cref="Dot"/> calls while <paramref name="b"/>
    /// is loaded once per step instead of four times (the Cholesky factorization's inner loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4(ReadOnlySpan<double> a0, ReadOnlySpan<double> a1, ReadOnlySpan<double> a2, ReadOnlySpan<double> a3, ReadOnlySpan<double> b, out double s0, out double s1, out double s2, out double s3)
    {
        var n = b.Length;
        if (!Vector.IsHardwareAccelerated || n < Vector<double>.Count * 2)
        {
            (s0, s1, s2, s3) = (Dot(a0[..n], b), Dot(a1[..n], b), Dot(a2[..n], b), Dot(a3[..n], b));
            return;
        }

        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var v0 = MemoryMarshal.Cast<double, Vector<double>>(a0[..n]);
        var v1 = MemoryMarshal.Cast<double, Vector<double>>(a1[..n]);
        var v2 = MemoryMarshal.Cast<double, Vector<double>>(a2[..n]);
        var v3 = MemoryMarshal.Cast<double, Vector<double>>(a3[..n]);
        Vector<double> c0 = default, c1 = default, c2 = default, c3 = default;
        for (var k = 0; k < vb.Length; k++)
        {
            var x = vb[k];
            c0 += v0[k] * x;
            c1 += v1[k] * x;
            c2 += v2[k] * x;
            c3 += v3[k] * x;
        }

        (s0, s1, s2, s3) = (Vector.Sum(c0), Vector.Sum(c1), Vector.Sum(c2), Vector.Sum(c3));
        for (var i = vb.Length * Vector<double>.Count; i < n; i++)
        {
            var x = b[i];
            s0 += a0[i] * x;
            s1 += a1[i] * x;
            s2 += a2[i] * x;
            s3 += a3[i] * x;
        }
    }

    /// <summary>y += alpha x.</summary>
    public static void AddScaled(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var va = new Vector<double>(alpha);
            for (var k = 0; k < vx.Length; k++)
            {
                vy[k] += va * vx[k];
            }

            i = vx.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
