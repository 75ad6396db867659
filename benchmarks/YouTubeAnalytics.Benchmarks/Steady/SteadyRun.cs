namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// One run of one contender: the activation round (every video's first sample) and the steady rounds (every
/// video sampled again, round after round), each timed from the first record produced until the last is durable.
/// </summary>
public sealed record SteadyRun(string Contender, int Videos, int SteadyEvents, double ActivationSeconds, double SteadySeconds, double LoadAverage)
{
    /// <summary>CPU seconds of this process (the contender) during the steady rounds.</summary>
    public double ProcessCpuSeconds { get; init; }

    /// <summary>CPU seconds of the PostgreSQL backends serving the contender's database during the steady rounds.</summary>
    public double DatabaseCpuSeconds { get; init; }

    public double ProcessCpuMsPerEvent => ProcessCpuSeconds * 1000 / SteadyEvents;

    public double DatabaseCpuMsPerEvent => DatabaseCpuSeconds * 1000 / SteadyEvents;

    public double ActivationPerSecond => Videos / ActivationSeconds;

    public double SteadyPerSecond => SteadyEvents / SteadySeconds;
}
