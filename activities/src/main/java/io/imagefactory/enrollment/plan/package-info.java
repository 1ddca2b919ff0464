/**
 * The enrollment planner, pure: {@link io.imagefactory.enrollment.plan.EnrollmentPlanner} turns
 * catalog, snapshot and analysis outcomes into an {@link
 * io.imagefactory.enrollment.plan.EnrollmentPlan} (the exact file changes, none when nothing
 * changed), with the dependency edges between images and the cycles among them.
 */
package io.imagefactory.enrollment.plan;
