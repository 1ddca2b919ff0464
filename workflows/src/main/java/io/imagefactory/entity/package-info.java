/** What the long-lived entity workflows share: their command inbox, fan-out and history rule. */
package io.imagefactory.entity;
