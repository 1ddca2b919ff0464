/**
 * What an entity workflow (an image, the drift check) may ask of the enrollment: an {@link
 * io.imagefactory.enrollment.request.EnrollmentRequest}, through {@link
 * io.imagefactory.enrollment.request.EnrollmentRequestActivities}.
 */
package io.imagefactory.enrollment.request;
