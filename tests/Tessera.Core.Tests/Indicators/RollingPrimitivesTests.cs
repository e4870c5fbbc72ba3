using Tessera.Core.Indicators;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

public class RollingPrimitivesTests
{
    [Fact]
    public void Rolling_sum_drift_is_bounded_by_periodic_resum()
    {
        // Values of mixed magnitude make add/subtract drift; the exact re-sum keeps the error tiny.
        var sum = new RollingSum(7);
        var window = new Queue<double>();
        for (var i = 0; i < 100_000; i++)
        {
            var x = (i % 3 == 0 ? 1e6 : 1e-3) * (1 + (i % 11));
            sum.Push(x);
            window.Enqueue(x);
            if (window.Count > 7)
            {
                window.Dequeue();
            }

            var exact = window.Sum();
            Assert.True(Math.Abs(sum.Sum - exact) <= 1e-9 * Math.Abs(exact), $"i={i}");
        }
    }

    [Fact]
    public void Ring_buffer_keeps_oldest_first()
    {
        var ring = new RingBuffer(3);
        Assert.True(double.IsNaN(ring.Push(1)));
        ring.Push(2);
        ring.Push(3);
        Assert.Equal(1.0, ring.Push(4));
        Assert.Equal(2.0, ring[0]);
        Assert.Equal(4.0, ring.Newest);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring[3]);
    }

    [Fact]
    public void Rolling_extreme_matches_brute_force()
    {
        var max = new RollingExtreme(4, isMax: true);
        var min = new RollingExtreme(4, isMax: false);
        var xs = new double[] { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4 };
        for (var i = 0; i < xs.Length; i++)
        {
            max.Push(xs[i]);
            min.Push(xs[i]);
            var from = Math.Max(0, i - 3);
            var slice = xs[from..(i + 1)];
            Assert.Equal(slice.Max(), max.Value);
            Assert.Equal(slice.Min(), min.Value);
            Assert.Equal(slice.Max(), xs[max.IndexOfValue]);
        }
    }
}
