// The specs start whole hosts (child processes, PostgreSQL databases, Kestrel servers) on a shared 2-core machine:
// one at a time keeps their timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
