"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/app/_trpc/client";

/** Refetches the registry and, since the production model decides them, every cached forecast. */
export function useRefreshModels() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.models.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.forecasts.pathKey() })]),
    [queryClient, trpc],
  );
}
