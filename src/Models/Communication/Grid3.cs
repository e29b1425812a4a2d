namespace PerfModel.Communication;

/// <summary>A balanced 3-D factorisation of a count, as MPI_Dims_create makes it (prime factors, largest first, each to
/// the currently smallest dimension).</summary>
public readonly record struct Grid3(int X, int Y, int Z)
{
    /// <summary>The balanced factorisation of <paramref name="count"/> (≥ 1), largest dimension first.</summary>
    public static Grid3 Balanced(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count={count}, but it should be >= 1");
        var factors = new List<int>();
        var n = count;
        for (var p = 2; (long)p * p <= n; p++)
            while (n % p == 0) { factors.Add(p); n /= p; }
        if (n > 1) factors.Add(n);
        var dims = new[] { 1, 1, 1 };
        foreach (var f in factors.OrderByDescending(f => f))
        {
            var i = Array.IndexOf(dims, dims.Min());
            dims[i] *= f;
        }
        Array.Sort(dims);
        Array.Reverse(dims);
        return new Grid3(dims[0], dims[1], dims[2]);
    }

    /// <summary>Dimension <paramref name="d"/>: 0 = X, 1 = Y, 2 = Z.</summary>
    public int this[int d] => d switch { 0 => X, 1 => Y, _ => Z };
}
