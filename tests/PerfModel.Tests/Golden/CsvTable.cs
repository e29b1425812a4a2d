using System.Text;

namespace PerfModel.Tests.Golden;

/// <summary>A parsed CSV file (RFC 4180 quoting): a header and rows of cells.</summary>
internal sealed record CsvTable(string[] Header, List<string[]> Rows)
{
    public static CsvTable Parse(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    cells.Add(cell.ToString()); cell.Clear();
                    records.Add([.. cells]); cells.Clear();
                    break;
                default: cell.Append(c); break;
            }
        }
        if (cell.Length > 0 || cells.Count > 0) { cells.Add(cell.ToString()); records.Add([.. cells]); }
        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public int Column(string name) => Array.IndexOf(Header, name);
}
