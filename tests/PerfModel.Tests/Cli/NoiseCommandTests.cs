using System.Globalization;

namespace PerfModel.Tests.Cli;

public sealed class NoiseCommandTests
{
    private const string Header = "method,ranks,steps,work_s,round_s,step_s,first_step_s,stationary_step_s,noise_free_s,slowdown,se_s,median_s,p99_s,slowest_s,run_min_s,run_median_s,run_max_s";

    private static double Cell(string row, string column) =>
        double.Parse(row.Split(',')[Array.IndexOf(Header.Split(','), column)], CultureInfo.InvariantCulture);

    [Fact]
    public void Csv_rows_per_rank_count_with_slowdown_at_least_one()
    {
        var (code, output, _) = CliRunner.Run("noise", "--noise", "poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))",
            "--work", "100us", "--ranks", "64,1024,131072", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(Header, lines[0]);
        Assert.Equal(4, lines.Length);
        var steps = lines.Skip(1).Select(l => Cell(l, "step_s")).ToArray();
        Assert.All(lines.Skip(1), l => Assert.True(Cell(l, "slowdown") >= 1));
        // More ranks never make the synchronised step faster.
        Assert.True(steps[0] <= steps[1] && steps[1] <= steps[2], string.Join(", ", steps));
        Assert.Equal(1e-4, Cell(lines[1], "work_s"));
        // One step: the run's step is its first step.
        Assert.All(lines.Skip(1), l => Assert.Equal(Cell(l, "first_step_s"), Cell(l, "step_s")));
    }

    [Fact]
    public void Simulation_agrees_with_the_closed_form_from_the_command_line()
    {
        var args = new[] { "noise", "--noise", "poisson(rate=1kHz, dur=exp(5us))", "--ranks", "1024", "--collective", "allreduce-rd", "--round", "2us", "--format", "csv" };
        var closed = CliRunner.Run(args);
        var sim = CliRunner.Run([.. args, "--method", "simulate", "--trials", "400", "--seed", "11"]);
        Assert.Equal(0, sim.Code);
        Assert.Contains("simulating", sim.Err);
        double Step(string csv) => Cell(csv.Split('\n')[1], "step_s");
        var se = Cell(sim.Out.Split('\n')[1], "se_s");
        // Same criterion as the closed-form validation: 1% or 3 standard errors.
        Assert.InRange(Step(closed.Out), Step(sim.Out) - Math.Max(0.01 * Step(sim.Out), 3 * se), Step(sim.Out) + Math.Max(0.01 * Step(sim.Out), 3 * se));
    }

    [Fact]
    public void A_source_whose_detours_outlast_the_steps_is_named_in_a_note()
    {
        // Linux's noisy cores (1 ms detours) against 100 us steps of recursive doubling: the long-detour rule applies and
        // the note names the source; the tree (no rule) and a barrier print none; CSV on standard output is unchanged by it.
        var (code, output, error) = CliRunner.Run("noise", "--os", "linux", "--collective", "allreduce-rd", "--ranks", "1024", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Contains("note: 'noisy core (fwq-th noisiest worker)': detours that outlast several steps", error);
        Assert.DoesNotContain("note:", output);
        var tree = CliRunner.Run("noise", "--os", "linux", "--collective", "tree", "--ranks", "1024");
        Assert.True(tree.Code == 0, tree.Err);
        Assert.DoesNotContain("outlast", tree.Err);
    }

    [Fact]
    public void Noise_that_keeps_detours_in_progress_notes_the_conditioned_receives()
    {
        // A 200 us daemon at 100/s keeps 0.02 detours in progress on a core: the allreduce's receives are conditioned on
        // their start and a note says so; Linux's default noise (below 10^-2) and a barrier under the daemon print none.
        const string daemon = "poisson(rate=1kHz, dur=exp(5us)) + poisson(rate=100/s, dur=fixed(200us))";
        var (code, output, error) = CliRunner.Run("noise", "--noise", daemon, "--collective", "allreduce-rd", "--ranks", "1024", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Contains("note: this noise keeps 1 % of the time or more in detours on a core", error);
        Assert.DoesNotContain("note:", output);
        var barrier = CliRunner.Run("noise", "--noise", daemon, "--ranks", "1024");
        Assert.True(barrier.Code == 0, barrier.Err);
        Assert.DoesNotContain("detours on a core", barrier.Err);
        var linux = CliRunner.Run("noise", "--os", "linux", "--collective", "allreduce-rd", "--ranks", "1024");
        Assert.True(linux.Code == 0, linux.Err);
        Assert.DoesNotContain("detours on a core", linux.Err);
    }

    [Fact]
    public void Steps_give_the_mean_step_of_a_run_between_its_first_and_stationary_step()
    {
        // A 500 us daemon at 0.05/s and 100 us barrier steps at 65,536 ranks: a late rank's delay carries into the next step,
        // so a run of 20 steps lasts longer per step than its first step (noise-theory check: the first step's delay is
        // dominated by detours in progress; the stationary one adds the carried delay). The run's mean step is
        // (first + 19 x stationary) / 20 exactly by the closed form.
        var (code, output, error) = CliRunner.Run("noise", "--noise", "poisson(rate=0.05/s, dur=fixed(500us))", "--ranks", "65536", "--steps", "20", "--format", "csv");
        Assert.True(code == 0, error);
        var row = output.Split('\n')[1];
        Assert.Equal(20, (int)Cell(row, "steps"));
        var expected = (Cell(row, "first_step_s") + 19 * Cell(row, "stationary_step_s")) / 20;
        Assert.Equal(expected, Cell(row, "step_s"), 15);
        Assert.NotEqual(Cell(row, "first_step_s"), Cell(row, "stationary_step_s"));
    }

    [Fact]
    public void Simulated_steps_run_on_the_wall_clock_simulator()
    {
        var (code, output, error) = CliRunner.Run("noise", "--noise", "periodic(freq=1kHz, dur=fixed(2us))", "--ranks", "1000", "--collective", "allreduce-rd",
            "--round", "2us", "--steps", "5", "--method", "simulate", "--trials", "20", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Contains("x 5 step(s) x 20 trials", error);
        var row = output.Split('\n')[1];
        Assert.Equal("simulate", row.Split(',')[0]);
        Assert.Equal(5, (int)Cell(row, "steps"));
        // 1,000 ranks is not a power of two: recursive doubling takes floor(log2 1000) + 2 = 11 rounds of 2 us on the ranks
        // of the pairing exchanges (the others skip the first and last exchange), so the mean step lies above the 10
        // rounds a rounded-down P would give and at most at 11.
        Assert.InRange(Cell(row, "noise_free_s"), 100e-6 + 10 * 2e-6 + 1e-9, 100e-6 + 11 * 2e-6 + 1e-12);
        Assert.True(Cell(row, "stationary_step_s") > Cell(row, "noise_free_s"));
    }

    [Theory]
    [InlineData("--steps", "0")]
    [InlineData("--trials", "1")]
    public void Bad_run_sizes_exit_2_with_the_option_named(string option, string value)
    {
        var (code, _, err) = CliRunner.Run("noise", "--noise", "none", "--method", "simulate", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, err);
    }

    [Fact]
    public void Default_os_noise_can_be_used()
    {
        var (code, output, _) = CliRunner.Run("noise", "--os", "mckernel", "--ranks", "64");
        Assert.Equal(0, code);
        Assert.Contains("noise: " + PerfModel.Noise.Spec.NoiseSpec.Format(PerfModel.Profiles.Defaults.Os("mckernel").Noise), output);
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

    [Fact]
    public void Closed_form_work_beyond_the_budget_is_refused_before_it_starts()
    {
        // 31 rank counts of a tree step under Linux's noise at resolution 1,024: estimated above the 60 s budget from the grids
        // alone, so the refusal comes at once (the command never evaluates a closed form) and names what to change.
        var ranks = string.Join(",", Enumerable.Range(0, 31).Select(k => (1L << k).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (code, output, err) = CliRunner.Run("noise", "--os", "linux", "--collective", "tree", "--ranks", ranks, "--resolution", "1024");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--ranks (31 counts) at --resolution 1024", err, StringComparison.Ordinal);
        Assert.Contains("more than the 60 s", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));

        // The same counts at the default resolution are within it, and give one row per count, in the order given.
        var within = CliRunner.Run("noise", "--os", "linux", "--collective", "tree", "--ranks", ranks, "--format", "csv");
        Assert.Equal(0, within.Code);
        var rows = within.Out.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[1]).ToArray();
        Assert.Equal(ranks.Split(','), rows);
    }

    private const string HeavyTail = "poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=2/s, dur=pareto(scale=20us, alpha=1.5))";

    [Fact]
    public void An_infinite_first_step_is_explained_in_every_format()
    {
        // Pareto alpha 1.5: a detour in progress at the start has a remainder with tail index 0.5, so the first step's mean is
        // infinite; the stationary step is finite. No format may fail or print a bare Infinity/NaN.
        var text = CliRunner.Run("noise", "--noise", HeavyTail, "--work", "200us", "--ranks", "64");
        Assert.True(text.Code == 0, text.Err);
        Assert.Contains("inf: the first step's mean is infinite", text.Out);
        Assert.DoesNotContain("Infinity", text.Out);
        var csv = CliRunner.Run("noise", "--noise", HeavyTail, "--work", "200us", "--ranks", "64", "--format", "csv");
        var row = csv.Out.Split('\n')[1];
        Assert.Equal("inf", row.Split(',')[Array.IndexOf(Header.Split(','), "first_step_s")]);
        Assert.True(double.IsFinite(Cell(row, "stationary_step_s")));
        var json = CliRunner.Run("noise", "--noise", HeavyTail, "--work", "200us", "--ranks", "64", "--format", "json");
        Assert.True(json.Code == 0, json.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var first = doc.RootElement[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("FirstStepSeconds").ValueKind);
        Assert.Contains("infinite", first.GetProperty("Note").GetString());
        // Finite rows carry no note.
        var linux = CliRunner.Run("noise", "--os", "linux", "--ranks", "64", "--format", "json");
        Assert.DoesNotContain("Note", linux.Out);
    }

    [Fact]
    public void Cold_start_gives_the_starts_only_first_step_of_the_numerical_integration()
    {
        // Truth: E[max] = ∫(1 − F^P) by numerical integration of the starts-only per-rank law (HeavyTailTruthTests), 4.7549 for
        // this spec at P = 131,072, W = 200 us. 0.1 %: the closed form's grid error there is below 0.001 %; the table prints 4 decimals.
        var (code, output, error) = CliRunner.Run("noise", "--noise", HeavyTail, "--work", "200us", "--ranks", "131072", "--cold-start", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Equal(4.7549, Cell(output.Split('\n')[1], "slowdown"), 0.005);
    }

    [Fact]
    public void A_cold_run_of_several_steps_prints_the_steps_as_they_build_up()
    {
        // The row's step is the library's NoiseRun.MeanStepSeconds (one rule), which for the FWQ trace's barrier at 1,024
        // ranks lies well below (first + 19·stationary) / 20: its detours outlast several 8 ms steps, so from a cold start
        // the steps reach the stationary one only after about ten (NoiseRunTests checks that against the simulator).
        var trace = PerfModel.Tests.Calibration.Noise.SharedFwqData.KvmTrace;
        var (code, output, error) = CliRunner.Run("noise", "--noise", $"trace({trace})", "--collective", "none", "--ranks", "1024", "--steps", "20", "--cold-start", "--format", "csv");
        Assert.True(code == 0, error);
        var row = output.Split('\n')[1];
        var profile = PerfModel.Tests.Calibration.Noise.SharedFwqData.KvmProfile;
        var shape = TestProfiles.Step(100e-6, PerfModel.Noise.SyncShape.Barrier);
        var cold = PerfModel.Noise.ClosedFormOptions.Default with { InProgressAtStart = false };
        var expected = PerfModel.Noise.NoiseRun.MeanStepSeconds(profile, shape, 1024, 20, cold);
        Assert.Equal(expected, Cell(row, "step_s"), expected * 1e-12);
        var noBuildUp = PerfModel.Noise.NoiseClosedForm.Evaluate(profile, shape, 1024, cold).RunMeanStepSeconds(20);
        Assert.True(Cell(row, "step_s") < 0.95 * noBuildUp, $"step {Cell(row, "step_s")} should lie below {noBuildUp}, the run without build-up");
        Assert.True(Cell(row, "run_min_s") >= Cell(row, "noise_free_s"));
    }

    [Fact]
    public void The_wrote_line_shows_a_written_path_with_its_control_characters_escaped()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-wrote-");
        try
        {
            var path = Path.Combine(dir.FullName, "a\u001b[31mb.csv");
            var (code, _, error) = CliRunner.Run("noise", "--os", "linux", "--ranks", "64", "--format", "csv", "--out", path);
            Assert.True(code == 0, error);
            Assert.True(File.Exists(path));
            Assert.Contains("a\\u001B[31mb.csv", error);
            Assert.False(error.Contains('\u001b', StringComparison.Ordinal), "a raw escape character reached the terminal");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
