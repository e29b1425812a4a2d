using PerfModel.Reports.Content;

namespace PerfModel.Tests.Reports.Content;

/// <summary>One colour and display name per OS: fixed for the paper's three OSes, handed out from the palette for
/// what-if OSes so that two of them shown together never share a colour.</summary>
public sealed class OsStyleTests
{
    [Fact]
    public void The_papers_oses_have_fixed_colours_and_names()
    {
        Assert.Equal([OsStyle.LinuxColour, OsStyle.McKernelColour, OsStyle.MosColour], new[] { "linux", "mckernel", "mos" }.Select(o => OsStyle.Colour(o)));
        Assert.Equal(["Linux", "McKernel", "mOS"], new[] { "linux", "mckernel", "mos" }.Select(o => OsStyle.Display(o, "ignored for the paper's OSes")));
        // Shown among what-if OSes they keep their colours.
        Assert.Equal(OsStyle.MosColour, OsStyle.Colour("mos", ["what-if", "mos"]));
    }

    [Fact]
    public void What_if_oses_shown_together_get_distinct_palette_colours_in_order()
    {
        string[] oses = ["linux", "a", "mos", "b", "c"];
        Assert.Equal(OsStyle.Palette.Take(3), new[] { "a", "b", "c" }.Select(o => OsStyle.Colour(o, oses)));
        var all = oses.Select(o => OsStyle.Colour(o, oses)).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.DoesNotContain(OsStyle.LinuxColour, OsStyle.Palette);
        Assert.DoesNotContain(OsStyle.McKernelColour, OsStyle.Palette);
        Assert.DoesNotContain(OsStyle.MosColour, OsStyle.Palette);
    }

    [Fact]
    public void A_what_if_os_alone_has_a_stable_palette_colour_and_its_profiles_display_name()
    {
        var colour = OsStyle.Colour("mos-linux-heap");
        Assert.Contains(colour, OsStyle.Palette);
        Assert.Equal(colour, OsStyle.Colour("mos-linux-heap"));
        Assert.Equal(colour, OsStyle.Colour("mos-linux-heap", ["linux", "mos"])); // not listed: the same stable colour
        Assert.Equal("mOS, Linux heap", OsStyle.Display("mos-linux-heap", "mOS, Linux heap"));
        Assert.Equal("mos-linux-heap", OsStyle.Display("mos-linux-heap"));
        Assert.Equal("mos-linux-heap", OsStyle.Display("mos-linux-heap", " "));
    }
}
