/* build.h — `motcua build`: the whole site, or nothing.
 *
 * Phases: load site.yaml and theme words → scan content → load pages (in
 * parallel) → model → render into a staging folder (in parallel) → swap the
 * staging folder in. Every phase collects all the problems it finds; the
 * build stops after the first phase that had errors, removes the staging
 * folder and leaves the previous output untouched.
 *
 * Builds are incremental (incremental.h): what did not change is linked
 * from the previous output, and when no input changed nothing is done.
 *
 * Memory: nothing returned needs freeing; errs is the caller's.
 */
#ifndef MC_BUILD_H
#define MC_BUILD_H

#include "build_opts.h"
#include "diag.h"

int mc_build(const mc_build_opts *opts, mc_build_result *result, mc_diag_list *errs);

#endif
