using System.Globalization;

namespace PerfModel.Tests.Cli;

public sealed class NoiseCommandTests
{
    [Fact]
    public void Csv_rows_per_rank_count_with_slowdown_at_least_one()
    {
        var (code, output, _) = CliRunner.Run("noise", "--noise", "poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))",
            "--work", "100us", "--ranks", "64,1024,131072", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("method,ranks,work_s,round_s,step_s,noise_free_s,slowdown,median_s,p99_s,error_s,run_min_s,run_median_s,run_max_s", lines[0]);
        Assert.Equal(4, lines.Length);
        var steps = lines.Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[6], CultureInfo.InvariantCulture) >= 1));
        // More ranks never make the synchronised step faster.
        Assert.True(steps[0] <= steps[1] && steps[1] <= steps[2], string.Join(", ", steps));
        Assert.Equal(1e-4, double.Parse(lines[1].Split(',')[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Simulation_agrees_with_the_closed_form_from_the_command_line()
    {
        var args = new[] { "noise", "--noise", "poisson(rate=1kHz, dur=exp(5us))", "--ranks", "1024", "--collective", "allreduce-rd", "--round", "2us", "--format", "csv" };
        var closed = CliRunner.Run(args);
        var sim = CliRunner.Run([.. args, "--method", "simulate", "--trials", "400", "--seed", "11"]);
        Assert.Equal(0, sim.Code);
        Assert.Contains("simulating", sim.Err);
        double Step(string csv) => double.Parse(csv.Split('\n')[1].Split(',')[4], CultureInfo.InvariantCulture);
        var se = double.Parse(sim.Out.Split('\n')[1].Split(',')[9], CultureInfo.InvariantCulture);
        // Same criterion as the closed-form validation: 1% or 3 standard errors.
        Assert.InRange(Step(closed.Out), Step(sim.Out) - Math.Max(0.01 * Step(sim.Out), 3 * se), Step(sim.Out) + Math.Max(0.01 * Step(sim.Out), 3 * se));
    }

    [Fact]
    public void Default_os_noise_can_be_used()
    {
        var (code, output, _) = CliRunner.Run("noise", "--os", "mckernel", "--ranks", "64");
        Assert.Equal(0, code);
        Assert.Contains("noise: poisson(rate=0.1/s", output);
    }

    [Fact]
    public void A_bad_spec_points_at_the_character()
    {
        var (code, _, err) = CliRunner.Run("noise", "--noise", "poisson(rate=1000/s, dur=fixed(2))");
        Assert.Equal(2, code);
        Assert.Contains("position 31", err);
        Assert.Contains("^", err);
    }

    [Theory]
    [InlineData("--work", "100")]
    [InlineData("--work", "-5us")]
    [InlineData("--ranks", "0")]
    public void Bad_options_exit_2_with_the_option_named(string option, string value)
    {
        var (code, _, err) = CliRunner.Run("noise", "--noise", "none", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, err);
    }
}
