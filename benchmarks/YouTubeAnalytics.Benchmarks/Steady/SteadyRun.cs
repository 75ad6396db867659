namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// One run of one contender: the activation round (every video's first sample) and the steady rounds (every
/// video sampled again, round after round), each timed from the first record produced until the last is durable.
/// </summary>
public sealed record SteadyRun(string Contender, int Videos, int SteadyEvents, double ActivationSeconds, double SteadySeconds, double LoadAverage)
{
    public double ActivationPerSecond => Videos / ActivationSeconds;

    public double SteadyPerSecond => SteadyEvents / SteadySeconds;
}
