// One AppHost at a time: the shared suite and the fault suite each start a whole suite on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
