namespace Tessera.Core.Validation;

/// <summary>k-subsets of {0..n-1} in lexicographic order, and binomial coefficients.</summary>
public static class Combinations
{
    public static long Count(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        k = Math.Min(k, n - k);
        long c = 1;
        for (var i = 1; i <= k; i++)
        {
            c = c * (n - k + i) / i;
        }

        return c;
    }

    public static List<int[]> All(int n, int k)
    {
        var result = new List<int[]>((int)Count(n, k));
        var current = new int[k];
        for (var i = 0; i < k; i++)
        {
            current[i] = i;
        }

        while (true)
        {
            result.Add((int[])current.Clone());
            var pos = k - 1;
            while (pos >= 0 && current[pos] == n - k + pos)
            {
                pos--;
            }

            if (pos < 0)
            {
                return result;
            }

            current[pos]++;
            for (var j = pos + 1; j < k; j++)
            {
                current[j] = current[j - 1] + 1;
            }
        }
    }
}
